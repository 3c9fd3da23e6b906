// The sandbox's own limits, shared by the grading process and its supervisor in the job worker (no isolated-vm here).
// The limits the browser applies too (loading, a test's grace) are the runner's (lib/lab/runner/limits.ts).
import { positiveIntegerFromEnv } from "@/lib/env";

export const DEFAULT_MEMORY_LIMIT_MB = 128;
/** All the tests of one submission together, so one submission cannot hold a grading process for minutes. */
export const DEFAULT_BUDGET_MS = 30_000;
/** Loading tfjs and the tests into a fresh isolate takes ~15 ms; this only guards against the impossible. */
export const SETUP_LIMIT_MS = 10_000;

/**
 * The resident memory a grading process may reach while it grades (LATENT_GRADER_RSS_MB): past it, the process is
 * killed and the submission told it used too much memory. Default: twice the isolate's limit (its heap and its
 * array buffers) plus 256 MB for Node, tfjs's code cache and the runner — 512 MB with the defaults.
 */
export function graderRssLimitMb(env: Record<string, string | undefined> = process.env): number {
  const isolateMb = positiveIntegerFromEnv(env.LATENT_GRADER_MEMORY_MB, DEFAULT_MEMORY_LIMIT_MB);
  return positiveIntegerFromEnv(env.LATENT_GRADER_RSS_MB, 2 * isolateMb + 256);
}
