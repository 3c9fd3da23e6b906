// What POST /api/review/answer does, as one domain call: answer the shown card, then read the queue's next card, so a
// review is one round trip for the client. bench:review's floor calls this too, with no HTTP in front.
import type { Db } from "@/lib/db";
import { queryPreparedPipelined } from "@/lib/db/prepared";
import { planAnswer, type Answer, type AnswerOptions } from "./answer";
import { queueQuery } from "./queue";

// Three statements in two round trips: the card with the learner's settings (and, over HTTP, whether the request's
// session is live); then the answer's write and the queue
// read sent together (pipelined), the read running after the write has committed, so it sees the answer. When the
// write finds the card moved on (409), the queue read was wasted, and nothing else happened.
export async function answerAndShowNext(db: Db, userId: string, answer: Answer, now = new Date(), options: AnswerOptions = {}) {
  const { write, settings, answered } = await planAnswer(db, userId, answer, now, options);
  const queue = queueQuery(userId, now, settings);
  const [written, queueRows] = await queryPreparedPipelined(db, [write, queue.statement]);
  return { answered: answered(written!), queue: queue.read(queueRows!) };
}
