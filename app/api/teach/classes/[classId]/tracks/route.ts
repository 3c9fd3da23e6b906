import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { createTrack } from "@/lib/teach/tracks";
import { createTrackSchema } from "@/lib/validations/teach";

export const POST = jsonRoute(createTrackSchema, async ({ classId, ...fields }, user) => Response.json({ track: await createTrack(getDb(), user, classId, fields) }, { status: 201 }));
