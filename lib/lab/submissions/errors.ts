import { Refusal } from "@/lib/refusal";

/** A refusal of the lab's submissions (unknown exercise, code too large, someone else's submission). */
export class SubmissionError extends Refusal {}

/** The learner already has a submission being graded: the route answers 429 with Retry-After. */
export class SubmissionInFlightError extends Refusal {
  constructor() {
    super(429, "Your previous submission is still being graded. Wait for its result, then submit again.", "submission_in_flight", { retryAfterSeconds: 2 });
    this.name = "SubmissionInFlightError";
  }
}
