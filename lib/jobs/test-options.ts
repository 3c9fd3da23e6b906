// A job worker for tests: fast heartbeats, a quick death verdict and short grace periods, so tests that kill or stop
// workers finish in seconds. Used by the in-process test worker (testing.ts) and the one in a child process
// (test-worker-process.ts).
import type { JobWorkerOptions } from "./runner";

export const TEST_WORKER_OPTIONS = {
  concurrency: 2,
  heartbeatMs: 200,
  deadAfterMs: 1_500,
  pollIntervalMs: 250,
  shutdownGraceMs: 1_000,
  log: () => undefined,
} satisfies Partial<JobWorkerOptions>;
