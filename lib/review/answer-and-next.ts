// What POST /api/review/answer does, as one domain call: answer the shown card, then read the queue's next card, so a
// review is one round trip for the client. bench:review's floor calls this too, with no HTTP in front.
import type { Db } from "@/lib/db";
import { answerCard, type Answer } from "./answer";
import { loadQueue } from "./queue";
import { getReviewSettings } from "./settings";

export async function answerAndShowNext(db: Db, userId: string, answer: Answer, now = new Date()) {
  const settings = getReviewSettings(db, userId); // read alongside the card, used by both steps
  const answered = await answerCard(db, userId, answer, now, { settings });
  return { answered, queue: await loadQueue(db, userId, now, { settings: await settings }) };
}
