// Runs a suite against a loaded solution, one test at a time, and produces the results format (results.ts).
// Each test runs inside its own tf engine scope, and variables made during it are disposed after it, so one test's
// leaks cannot change the next one's memory counts. Async tests are awaited up to their timeoutMs; a synchronous
// infinite loop cannot be stopped from inside, so a supervisor (the page terminating the worker, the sandbox's
// timeout) uses the onPlan/onTestStart/onTestEnd events and stoppedResults() for that.
//
// Learner code shares this realm, so nothing it can touch may stop the run or put its words where they do not
// belong: the engine is driven through the methods captured before it loaded (provenance.ts), and whatever a test
// throws — or tf's engine throws when learner code broke it — becomes that test's error, never the run's.
import { collectTests, type LabTests, type TestCase } from "@/lib/lab/api/define";
import { isAssertionError } from "@/lib/lab/api/errors";
import { tensorProvenance } from "@/lib/lab/api/provenance";
import type { Tf } from "@/lib/lab/api/tf";
import { describeError, lineInSolution, type SolutionModule } from "./solution-module";
import type { OutputCapture } from "./output";
import { summarize, testResult, type PlannedTest, type Results, type TestResult } from "./results";

export type RunEvents = {
  /** Before anything runs: every test the run will report, in order. */
  onPlan?: (planned: PlannedTest[]) => void;
  onTestStart?: (event: { index: number; test: PlannedTest }) => void;
  onTestEnd?: (event: { index: number; result: TestResult }) => void;
};

export type RunSuiteOptions = RunEvents & {
  tf: Tf;
  /** The suites, registered here with `solutionModule` injected… */
  tests?: readonly LabTests<unknown>[];
  solutionModule?: SolutionModule;
  /** …or tests already registered (gradeSolution registers them before the learner's code loads). */
  cases?: readonly TestCase[];
  /** Reported in the results; default tf.getBackend(). */
  backend?: string;
  /** Where the learner's console output goes (the capture given to loadSolutionModule). */
  output?: OutputCapture;
  /** Clock in ms; default performance.now, else Date.now (the sandbox may have neither timers nor performance). */
  now?: () => number;
  /** When the run started by `now`, if earlier work (loading the module) should count in durationMs. */
  startedAt?: number;
  /** Filename of the learner's module, to point error messages at its lines. */
  filename?: string;
};

export function defaultNow(): () => number {
  const performance = (globalThis as { performance?: { now(): number } }).performance;
  if (!performance) return Date.now;
  const now = performance.now.bind(performance);
  return () => now();
}

export function planTests(tests: readonly TestCase[]): PlannedTest[] {
  return tests.map(({ name, points, hidden, timeoutMs }) => ({ name, maxPoints: points, hidden, timeoutMs }));
}

export async function runSuite(options: RunSuiteOptions): Promise<Results> {
  const { tf } = options;
  const now = options.now ?? defaultNow();
  const startedAt = options.startedAt ?? now();
  const backend = options.backend ?? tf.getBackend();
  const tests = options.cases ?? collectTests(options.tests ?? [], { tf, solution: options.solutionModule ?? {} });
  const planned = planTests(tests);
  options.onPlan?.(planned);
  options.output?.take(); // whatever was printed while loading belongs to no test

  const results: TestResult[] = [];
  for (const [index, test] of tests.entries()) {
    const plan = planned[index];
    if (!plan) continue;
    options.onTestStart?.({ index, test: plan });
    const result = await runTest(test, plan, options, now);
    results.push(result);
    options.onTestEnd?.({ index, result });
  }
  return summarize(results, { backend, durationMs: now() - startedAt });
}

const ENGINE_BROKEN =
  "Your code changed tf's engine during this test (its bookkeeping failed when the test ended), so the test could not be checked. Don't modify tf.engine() or its backend.";

async function runTest(test: TestCase, plan: PlannedTest, options: RunSuiteOptions, now: () => number): Promise<TestResult> {
  const provenance = tensorProvenance(options.tf);
  const mark = provenance.mark();
  const start = now();
  let status: TestResult["status"] = "pass";
  let message: string | undefined;
  let scoped = false;
  try {
    provenance.startScope();
    scoped = true;
    const returned = test.fn();
    if (isPromiseLike(returned)) await withTimeout(Promise.resolve(returned), test.timeoutMs);
  } catch (error) {
    ({ status, message } = classify(error, test, options.filename));
  }
  try {
    if (scoped) provenance.endScope();
    provenance.disposeVariablesSince(mark);
  } catch {
    status = "error";
    message = ENGINE_BROKEN;
  }
  const durationMs = now() - start;
  if (status === "pass" && durationMs > test.timeoutMs) {
    // A synchronous test cannot be interrupted here, but it must not pass where a supervisor would have stopped it.
    status = "timeout";
    message = `The test took ${Math.round(durationMs)} ms; the limit is ${test.timeoutMs} ms.`;
  }
  const output = options.output?.take();
  return testResult(plan, { status, message, output, durationMs });
}

function classify(error: unknown, test: TestCase, filename = "solution.ts"): { status: TestResult["status"]; message: string } {
  if (error instanceof TestTimeout) {
    return {
      status: "timeout",
      message: `The test did not finish within ${test.timeoutMs} ms. Look for a loop that never ends or a Promise that never resolves.`,
    };
  }
  if (isAssertionError(error)) return { status: "fail", message: error.message };
  const line = lineInSolution(error, filename);
  const where = line === undefined ? "" : ` (${filename}, line ${line})`;
  return { status: "error", message: `${describeError(error)}${where}` };
}

class TestTimeout extends Error {}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  const timers = globalThis as { setTimeout?: typeof setTimeout; clearTimeout?: typeof clearTimeout };
  if (!timers.setTimeout || !timers.clearTimeout) return promise; // the sandbox enforces its own time limit
  const { setTimeout: set, clearTimeout: clear } = timers;
  return new Promise<T>((resolve, reject) => {
    const timer = set(() => reject(new TestTimeout()), timeoutMs);
    promise.then(
      (value) => {
        clear(timer);
        resolve(value);
      },
      (error: unknown) => {
        clear(timer);
        reject(error);
      },
    );
  });
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  try {
    return typeof value === "object" && value !== null && typeof (value as PromiseLike<unknown>).then === "function";
  } catch {
    return false;
  }
}
