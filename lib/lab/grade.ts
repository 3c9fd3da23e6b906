// Grades one submission: load the learner's source, run the suites, return results. The same function runs in the
// browser worker, the Node CLI and the server sandbox; only where tf and the suites come from differs.
import { collectTests, type LabTests } from "./api/define";
import type { Tf } from "./api/tf";
import { LabModuleError, loadSolutionModule } from "./module";
import { createOutputCapture } from "./output";
import { errorResults, summarize, type Results } from "./results";
import { defaultNow, planTests, runSuite, type RunEvents } from "./run";

export type GradeSubmissionOptions = RunEvents & {
  tf: Tf;
  /** The learner's TypeScript source. */
  source: string;
  /** The export names the exercise requires (prompt.md's `exports`). */
  exports: readonly string[];
  /** Visible suite, plus the hidden one where hidden tests run. */
  tests: readonly LabTests<unknown>[];
  backend?: string;
  filename?: string;
  includeTestCode?: boolean;
  now?: () => number;
};

export async function gradeSubmission(options: GradeSubmissionOptions): Promise<Results> {
  const { tf } = options;
  const now = options.now ?? defaultNow();
  const startedAt = now();
  const backend = options.backend ?? tf.getBackend();
  const filename = options.filename ?? "solution.ts";
  const output = createOutputCapture();

  let solutionModule;
  try {
    solutionModule = loadSolutionModule(options.source, {
      tf,
      filename,
      requiredExports: options.exports,
      console: output.console,
    });
  } catch (error) {
    if (!(error instanceof LabModuleError)) throw error;
    let planned;
    try {
      planned = planTests(collectTests(options.tests, { tf, solution: {} }));
    } catch (suiteError) {
      return suiteErrorResults(suiteError, backend, now() - startedAt);
    }
    options.onPlan?.(planned);
    return errorResults(planned, { backend, durationMs: now() - startedAt, message: error.message });
  }

  try {
    return await runSuite({ ...options, tf, solutionModule, backend, output, now, startedAt, filename });
  } catch (suiteError) {
    return suiteErrorResults(suiteError, backend, now() - startedAt);
  }
}

// The exercise's own test file is broken: not the learner's fault, and nothing can be graded.
function suiteErrorResults(error: unknown, backend: string, durationMs: number): Results {
  const reason = error instanceof Error ? error.message : String(error);
  return summarize([], { backend, durationMs, message: `The exercise's tests could not be set up: ${reason}` });
}
