// Runs a suite against a loaded solution, one test at a time, and produces the results format (results.ts).
// Each test runs inside its own tf engine scope, and variables it creates are disposed after it, so one test's
// leaks cannot change the next one's memory counts. Async tests are awaited up to their timeoutMs; a synchronous
// infinite loop cannot be stopped from inside, so a supervisor (the page terminating the worker, the sandbox's
// timeout) uses the onPlan/onTestStart/onTestEnd events and interruptedResults() for that.
import { collectTests, type LabTests, type TestCase } from "./api/define";
import { isAssertionError } from "./api/errors";
import type { Tf } from "./api/tf";
import { describeError, lineInSolution, type SolutionModule } from "./module";
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
  tests: readonly LabTests<unknown>[];
  solutionModule: SolutionModule;
  /** Reported in the results; default tf.getBackend(). */
  backend?: string;
  /** Where the learner's console output goes (the capture given to loadSolutionModule). */
  output?: OutputCapture;
  /** Put each visible test's source in test_code. */
  includeTestCode?: boolean;
  /** Clock in ms; default performance.now, else Date.now (the sandbox may have neither timers nor performance). */
  now?: () => number;
  /** When the run started by `now`, if earlier work (loading the module) should count in durationMs. */
  startedAt?: number;
  /** Filename of the learner's module, to point error messages at its lines. */
  filename?: string;
};

export function defaultNow(): () => number {
  const performance = (globalThis as { performance?: { now(): number } }).performance;
  return performance ? () => performance.now() : () => Date.now();
}

export function planTests(tests: readonly TestCase[]): PlannedTest[] {
  return tests.map(({ name, points, hidden, timeoutMs }) => ({ name, maxPoints: points, hidden, timeoutMs }));
}

export async function runSuite(options: RunSuiteOptions): Promise<Results> {
  const { tf } = options;
  const now = options.now ?? defaultNow();
  const startedAt = options.startedAt ?? now();
  const backend = options.backend ?? tf.getBackend();
  const tests = collectTests(options.tests, { tf, solution: options.solutionModule });
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

async function runTest(test: TestCase, plan: PlannedTest, options: RunSuiteOptions, now: () => number): Promise<TestResult> {
  const { tf } = options;
  const engine = tf.engine();
  const variablesBefore = new Set(Object.keys(engine.registeredVariables));
  const start = now();
  let status: TestResult["status"] = "pass";
  let message: string | undefined;
  engine.startScope();
  try {
    const returned = test.fn();
    if (isPromiseLike(returned)) await withTimeout(Promise.resolve(returned), test.timeoutMs);
  } catch (error) {
    if (error instanceof TestTimeout) {
      status = "timeout";
      message = `The test did not finish within ${test.timeoutMs} ms. Look for a loop that never ends or a Promise that never resolves.`;
    } else if (isAssertionError(error)) {
      status = "fail";
      message = error.message;
    } else {
      status = "error";
      message = errorMessage(error, options.filename);
    }
  } finally {
    engine.endScope();
    disposeVariablesCreatedSince(tf, variablesBefore);
  }
  const durationMs = now() - start;
  if (status === "pass" && durationMs > test.timeoutMs) {
    // A synchronous test cannot be interrupted here, but it must not pass where a supervisor would have stopped it.
    status = "timeout";
    message = `The test took ${Math.round(durationMs)} ms; the limit is ${test.timeoutMs} ms.`;
  }
  const output = options.output?.take();
  return testResult(plan, {
    status,
    message,
    output,
    durationMs,
    testCode: options.includeTestCode ? test.fn.toString() : undefined,
  });
}

function errorMessage(error: unknown, filename = "solution.ts"): string {
  const line = lineInSolution(error, filename);
  const where = line === undefined ? "" : ` (${filename}, line ${line})`;
  return `${describeError(error)}${where}`;
}

function disposeVariablesCreatedSince(tf: Tf, before: Set<string>): void {
  const registered = tf.engine().registeredVariables;
  for (const [name, variable] of Object.entries(registered)) {
    if (!before.has(name) && !variable.isDisposed) variable.dispose();
  }
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
  return typeof value === "object" && value !== null && typeof (value as PromiseLike<unknown>).then === "function";
}
