import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { ensureCards } from "@/lib/review/cards";
import { loadQueue } from "@/lib/review/queue";
import { emptySchema } from "@/lib/validations/review";

export const GET = jsonRoute(emptySchema, async (_input, user) => {
  await ensureCards(getDb(), user.id);
  return loadQueue(getDb(), user.id);
});
