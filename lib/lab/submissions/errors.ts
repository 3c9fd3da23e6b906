import { Refusal } from "@/lib/refusal";

/** A refusal of the lab's submissions (unknown exercise, code too large, someone else's submission). */
export class SubmissionError extends Refusal {}

/** The learner already has a submission being graded: the route answers 429 with Retry-After. */
export class SubmissionInFlightError extends Error {
  readonly retryAfterSeconds = 2;
  constructor() {
    super("Your previous submission is still being graded. Wait for its result, then submit again.");
    this.name = "SubmissionInFlightError";
  }
}
