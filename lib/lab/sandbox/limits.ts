// The sandbox's limits, shared by the grading process and the web server's supervisor of it (no isolated-vm here).
export const DEFAULT_MEMORY_LIMIT_MB = 128;
/** The browser gives the learner's module the same time to load. */
export const DEFAULT_LOAD_LIMIT_MS = 5_000;
/** All the tests of one submission together, so one submission cannot hold a grading process for minutes. */
export const DEFAULT_BUDGET_MS = 30_000;
/** Loading tfjs and the tests into a fresh isolate takes ~15 ms; this only guards against the impossible. */
export const SETUP_LIMIT_MS = 10_000;
/** The browser's supervisor gives a test the same margin past its limit before stopping it. */
export const GRACE_MS = 300;
