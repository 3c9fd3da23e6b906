import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { answerAndShowNext } from "@/lib/review/answer-and-next";
import { answerSchema } from "@/lib/validations/review";

// Answers the shown card and returns the queue's next card, so a review is one round trip.
export const POST = jsonRoute(answerSchema, (input, user) => answerAndShowNext(getDb(), user.id, input));
