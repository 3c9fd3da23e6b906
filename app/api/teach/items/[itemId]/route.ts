import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { removeTrackItem, updateTrackItem } from "@/lib/teach/tracks";
import { itemIdSchema, updateItemSchema } from "@/lib/validations/teach";

export const PATCH = jsonRoute(updateItemSchema, async ({ itemId, ...changes }, user) => updateTrackItem(getDb(), user, itemId, changes));

export const DELETE = jsonRoute(itemIdSchema, async ({ itemId }, user) => {
  await removeTrackItem(getDb(), user, itemId);
  return { removed: true };
});
