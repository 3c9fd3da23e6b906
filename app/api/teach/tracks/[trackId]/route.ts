import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { deleteTrack, updateTrack } from "@/lib/teach/tracks";
import { trackIdSchema, updateTrackSchema } from "@/lib/validations/teach";

export const PATCH = jsonRoute(updateTrackSchema, async ({ trackId, ...fields }, user) => ({ track: await updateTrack(getDb(), user, trackId, fields) }));

export const DELETE = jsonRoute(trackIdSchema, async ({ trackId }, user) => {
  await deleteTrack(getDb(), user, trackId);
  return { deleted: true };
});
