import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { addTrackItem } from "@/lib/teach/tracks";
import { addItemSchema } from "@/lib/validations/teach";

export const POST = jsonRoute(addItemSchema, async ({ trackId, ...item }, user) => Response.json({ item: await addTrackItem(getDb(), user, trackId, item) }, { status: 201 }));
