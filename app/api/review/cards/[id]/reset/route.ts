import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { resetCard } from "@/lib/review/answer";
import { loadQueue } from "@/lib/review/queue";
import { cardActionSchema } from "@/lib/validations/review";

export const POST = jsonRoute(cardActionSchema, async (input, user) => {
  const changed = await resetCard(getDb(), user.id, input.id, input.version);
  return { changed, queue: await loadQueue(getDb(), user.id) };
});
