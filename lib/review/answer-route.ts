// POST /api/review/answer: answers the shown card and returns the queue's next card, so a review is one round trip.
// Next.js serves it from app/api/review/answer/route.ts, and Latent's own HTTP server answers it before Next.js
// (lib/server/direct-routes.ts): the same handler either way, so the same checks.
import { getDb } from "@/lib/db";
import { jsonRouteCheckingSession } from "@/lib/http/json-route";
import { answerSchema } from "@/lib/validations/review";
import { answerAndShowNext } from "./answer-and-next";

// The session is checked in the answer's first statement (lib/review/answer.ts): one statement and round trip less
// on every review.
export const answerRoute = jsonRouteCheckingSession(answerSchema, (input, session) =>
  answerAndShowNext(getDb(), session.userId, input, new Date(), { sessionId: session.sessionId }),
);
