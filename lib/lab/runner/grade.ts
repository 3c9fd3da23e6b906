// Grades one submission: load the learner's source, run the suites, return results. The same function runs in the
// browser worker, the Node CLI and the server sandbox; only where tf and the suites come from differs.
//
// Order matters: tf's tensors are recorded (provenance.ts) and the tests registered — their inputs and expected
// values closed over — before the learner's module runs a single line; the tests then see the learner's exports
// through a plain object of our own, filled once the module has loaded.
import { collectTests, type LabTests, type TestCase } from "@/lib/lab/api/define";
import { tensorProvenance } from "@/lib/lab/api/provenance";
import type { Tf } from "@/lib/lab/api/tf";
import { LabModuleError, loadSolutionModule } from "./solution-module";
import { createOutputCapture } from "./output";
import { errorResults, INTERFERED_MESSAGE, summarize, type Results } from "./results";
import { defaultNow, planTests, runSuite, type RunEvents } from "./run-suite";

export type GradeSolutionOptions = RunEvents & {
  tf: Tf;
  /** The learner's TypeScript source. */
  source: string;
  /** The export names the exercise requires (prompt.md's `exports`). */
  exports: readonly string[];
  /** Visible suite, plus the hidden one where hidden tests run. */
  tests: readonly LabTests<unknown>[];
  backend?: string;
  filename?: string;
  now?: () => number;
};

const { freeze } = Object; // captured before learner code can replace it

export async function gradeSolution(options: GradeSolutionOptions): Promise<Results> {
  const { tf } = options;
  const now = options.now ?? defaultNow();
  const startedAt = now();
  const backend = options.backend ?? tf.getBackend();
  const filename = options.filename ?? "solution.ts";
  tensorProvenance(tf);

  const solution: Record<string, unknown> = {};
  let cases: TestCase[];
  try {
    cases = collectTests(options.tests, { tf, solution });
  } catch (suiteError) {
    return suiteErrorResults(suiteError, backend, now() - startedAt);
  }
  const planned = planTests(cases);

  const output = createOutputCapture();
  try {
    const loaded = loadSolutionModule(options.source, { tf, filename, requiredExports: options.exports, console: output.console });
    for (const name of options.exports) solution[name] = loaded[name];
    freeze(solution);
  } catch (error) {
    options.onPlan?.(planned);
    const message = error instanceof LabModuleError ? error.message : INTERFERED_MESSAGE;
    return errorResults(planned, { backend, durationMs: now() - startedAt, message });
  }

  try {
    return await runSuite({ ...options, tf, cases, backend, output, now, startedAt, filename });
  } catch {
    // The runner does not throw on its own: learner code broke something it relies on. Its words are not repeated.
    return errorResults(planned, { backend, durationMs: now() - startedAt, message: INTERFERED_MESSAGE });
  }
}

// The exercise's own test file is broken: not the learner's fault, and nothing can be graded.
function suiteErrorResults(error: unknown, backend: string, durationMs: number): Results {
  const reason = error instanceof Error ? error.message : String(error);
  return summarize([], { backend, durationMs, message: `The exercise's tests could not be set up: ${reason}` });
}
