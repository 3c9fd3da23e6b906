import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { answerCard } from "@/lib/review/answer";
import { loadQueue } from "@/lib/review/queue";
import { getReviewSettings } from "@/lib/review/settings";
import { answerSchema } from "@/lib/validations/review";

// Answers the shown card and returns the queue's next card, so a review is one round trip.
export const POST = jsonRoute(answerSchema, async (input, user) => {
  const db = getDb();
  const settings = getReviewSettings(db, user.id); // read alongside the card, used by both steps
  const now = new Date();
  const answered = await answerCard(db, user.id, input, now, { settings });
  return { answered, queue: await loadQueue(db, user.id, now, { settings: await settings }) };
});
