// What POST /api/review/answer does, as one domain call: answer the shown card, then read the queue's next card, so a
// review is one round trip for the client. bench:review's floor calls this too, with no HTTP in front.
import type { Db } from "@/lib/db";
import { answerCardWithSettings, type Answer } from "./answer";
import { loadQueue } from "./queue";

// Three statements in three round trips: the card with the learner's settings, the answer's write, the queue.
export async function answerAndShowNext(db: Db, userId: string, answer: Answer, now = new Date()) {
  const { answered, settings } = await answerCardWithSettings(db, userId, answer, now);
  return { answered, queue: await loadQueue(db, userId, now, { settings }) };
}
