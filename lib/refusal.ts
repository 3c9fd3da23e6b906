/**
 * A request the domain refuses, with what the person asking needs to know: an HTTP-like `status`, a stable `code`
 * and a message they can act on; for a refusal that passes with time (429, 503), when to ask again. Routes turn it
 * into a JSON error (with a Retry-After header when `retryAfterSeconds` is set); nothing was changed.
 */
export class Refusal extends Error {
  readonly retryAfterSeconds?: number;

  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503,
    message: string,
    readonly code: string,
    options: { retryAfterSeconds?: number } = {},
  ) {
    super(message);
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
