/** A refusal a route turns into an HTTP answer: `status` and a message the learner can act on. */
export class ReviewError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 422,
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}
