import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { moveTrackItem } from "@/lib/teach/tracks";
import { moveItemSchema } from "@/lib/validations/teach";

export const POST = jsonRoute(moveItemSchema, async ({ itemId, direction }, user) => {
  await moveTrackItem(getDb(), user, itemId, direction);
  return { moved: true };
});
