/**
 * A request the domain refuses, with what the person asking needs to know: an HTTP-like `status`, a stable `code`
 * and a message they can act on. Routes turn it into a JSON error; nothing was changed.
 */
export class Refusal extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 413 | 422 | 503,
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}
