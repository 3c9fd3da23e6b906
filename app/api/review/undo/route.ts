import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { undoLastReview } from "@/lib/review/answer";
import { loadQueue } from "@/lib/review/queue";
import { emptySchema } from "@/lib/validations/review";

export const POST = jsonRoute(emptySchema, async (_input, user) => {
  const undone = await undoLastReview(getDb(), user.id);
  return { undone, queue: await loadQueue(getDb(), user.id) };
});
