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

/**
 * The resident memory a grading process may reach while it grades (LATENT_GRADER_RSS_MB): past it, the process is
 * killed and the submission told it used too much memory. Default: twice the isolate's limit (its heap and its
 * array buffers) plus 256 MB for Node, tfjs's code cache and the runner — 512 MB with the defaults.
 */
export function graderRssLimitMb(env: Record<string, string | undefined> = process.env): number {
  const configured = Number(env.LATENT_GRADER_RSS_MB);
  if (Number.isInteger(configured) && configured > 0) return configured;
  const memory = Number(env.LATENT_GRADER_MEMORY_MB);
  const isolateMb = Number.isInteger(memory) && memory > 0 ? memory : DEFAULT_MEMORY_LIMIT_MB;
  return 2 * isolateMb + 256;
}
