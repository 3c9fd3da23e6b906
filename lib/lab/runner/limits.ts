// What every runner allows a learner's code alike, so a solution that passes in the browser is not stopped on the
// server for a different limit: the page's supervisor of its worker and the server's sandbox both read these.

/** How long the learner's module may take to load (its top-level code), once tfjs is ready. */
export const LOAD_LIMIT_MS = 5_000;

/** How far past a test's timeoutMs a supervisor lets it run: the runner reports an async test's timeout itself. */
export const GRACE_MS = 300;

/** The most code a learner can keep as a draft or submit, in UTF-8 bytes. */
export const MAX_CODE_BYTES = 64 * 1024;
