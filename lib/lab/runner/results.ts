// The one results format every lab runner produces: the browser worker, the Node CLI and the server sandbox.
// It is Exercism's test-runner results v3 (https://exercism.org/docs/building/tooling/test-runners/interface)
// with Latent's additions (points, hidden, durationMs, backend). Exercism's field names are kept where they exist.
//
//   {
//     version: 3,
//     status: "pass" | "fail" | "error",   pass: every test passed; fail: at least one did not;
//                                          error: the suite could not run (syntax error, missing export, ...)
//     message?: string,                    only with status "error": what stopped the suite, for the learner
//     tests: [{
//       name: string,                      says what is checked, unique within the suite
//       status: "pass"                     the test ran and every check held
//             | "fail"                     a check did not hold (an assertion of the test API)
//             | "error"                    the test threw something else (learner code crashed, "Not implemented")
//             | "timeout"                  the test ran past its timeoutMs (awaited, measured, or ended by a supervisor)
//             | "skipped",                 the test never ran (the suite errored or was interrupted)
//       message?: string,                  present exactly when status is not "pass" (a hidden test has none
//                                          in what a learner sees: see below)
//       output?: string,                   console output of the learner's code during this test, capped
//       points: number,                    earned: maxPoints when status is "pass", otherwise 0
//       maxPoints: number,                 what the test is worth
//       hidden: boolean,                   hidden tests are graded on the server; never carry a test_code
//       durationMs?: number,               0 when the test did not run; absent for hidden tests a learner sees
//       test_code?: string,                a visible test's own source (its function's body, from tests.ts), as
//                                          Exercism v2/v3 give it: added by withTestCode (test-source.ts) to the
//                                          CLI's output, server grades and browser runs; never on a hidden test
//     }],
//     points: number,                      sum of tests[].points
//     maxPoints: number,                   sum of tests[].maxPoints
//     backend: string,                     the tfjs backend the tests ran on: "webgpu" | "webgl" | "wasm" | "cpu"
//     durationMs: number,                  wall time of the whole run, module loading included — in what a
//                                          learner sees of a server grade, the visible tests' time only
//   }
//
// What a learner sees of a server grade (lib/lab/submissions/redact.ts): a hidden test is its name, status, points
// and maxPoints, nothing else, because a message, an output or a duration can all carry its inputs.
//
// Pure data and pure functions only: this file is bundled into the browser worker and the sandbox.

export const RESULTS_VERSION = 3;

export const SUITE_STATUSES = ["pass", "fail", "error"] as const;
export const TEST_STATUSES = ["pass", "fail", "error", "timeout", "skipped"] as const;
export type SuiteStatus = (typeof SUITE_STATUSES)[number];
export type TestStatus = (typeof TEST_STATUSES)[number];

export type TestResult = {
  name: string;
  status: TestStatus;
  message?: string;
  output?: string;
  points: number;
  maxPoints: number;
  hidden: boolean;
  /** Absent only for hidden tests in what a learner sees (see redactHidden). */
  durationMs?: number;
  test_code?: string;
};

export type Results = {
  version: typeof RESULTS_VERSION;
  status: SuiteStatus;
  message?: string;
  tests: TestResult[];
  points: number;
  maxPoints: number;
  backend: string;
  durationMs: number;
};

/** What a runner knows about a test before running it (sent to a supervisor first, see `onPlan`). */
export type PlannedTest = { name: string; maxPoints: number; hidden: boolean; timeoutMs: number };

/** Exercism caps `output` at 500 characters; we keep a little more, learners print tensors. */
export const OUTPUT_LIMIT = 2000;

export function capOutput(output: string): string | undefined {
  if (output.length === 0) return undefined;
  if (output.length <= OUTPUT_LIMIT) return output;
  return `${output.slice(0, OUTPUT_LIMIT)}\n… output truncated (${output.length} characters in all)`;
}

/** Builds a test result with the invariants of the format (points earned only on pass, message only on non-pass). */
export function testResult(
  planned: PlannedTest,
  outcome: { status: TestStatus; message?: string; output?: string; durationMs: number },
): TestResult {
  const result: TestResult = {
    name: planned.name,
    status: outcome.status,
    points: outcome.status === "pass" ? planned.maxPoints : 0,
    maxPoints: planned.maxPoints,
    hidden: planned.hidden,
    durationMs: roundMs(outcome.durationMs),
  };
  if (outcome.status !== "pass") result.message = outcome.message?.trim() || defaultMessage(outcome.status);
  const output = outcome.output === undefined ? undefined : capOutput(outcome.output);
  if (output !== undefined) result.output = output;
  return result;
}

/** Sums a list of test results into a suite result; `message` makes it an "error" suite. */
export function summarize(tests: TestResult[], run: { backend: string; durationMs: number; message?: string }): Results {
  const status: SuiteStatus =
    run.message !== undefined ? "error" : tests.every((test) => test.status === "pass") ? "pass" : "fail";
  const results: Results = {
    version: RESULTS_VERSION,
    status,
    tests,
    points: sum(tests.map((test) => test.points)),
    maxPoints: sum(tests.map((test) => test.maxPoints)),
    backend: run.backend,
    durationMs: roundMs(run.durationMs),
  };
  if (run.message !== undefined) results.message = run.message;
  return results;
}

/** The suite could not run at all: every planned test is reported as skipped so the learner still sees the list. */
export function errorResults(
  planned: PlannedTest[],
  run: { backend: string; durationMs: number; message: string },
): Results {
  const tests = planned.map((test) =>
    testResult(test, { status: "skipped", message: "Not run: the solution could not be loaded.", durationMs: 0 }),
  );
  return summarize(tests, run);
}

/**
 * A supervisor stopped the run while test `runningIndex` ran (the browser terminating a worker stuck in
 * `while (true) {}`, the sandbox disposing an isolate past a limit, a grading process that died): finished tests keep
 * their results, the running one gets `status` (timeout unless said otherwise; error for a memory limit) and the
 * reason, the rest are not run.
 */
export function stoppedResults(
  planned: PlannedTest[],
  finished: ReadonlyArray<TestResult | undefined>,
  stop: { runningIndex: number; runningMs: number; backend: string; durationMs: number; status?: "timeout" | "error"; reason?: string },
): Results {
  const tests = planned.map((test, index) => {
    const done = finished[index];
    if (done !== undefined && index < stop.runningIndex) return done;
    if (index === stop.runningIndex) {
      return testResult(test, {
        status: stop.status ?? "timeout",
        message: stop.reason ?? `Stopped after ${Math.round(stop.runningMs)} ms (limit ${test.timeoutMs} ms). Look for a loop that never ends.`,
        durationMs: stop.runningMs,
      });
    }
    return testResult(test, { status: "skipped", message: "Not run: an earlier test had to be stopped.", durationMs: 0 });
  });
  return summarize(tests, { backend: stop.backend, durationMs: stop.durationMs });
}

/** Learner code changed what the runner relies on, so nothing it reported can be trusted; its words are not repeated. */
export const INTERFERED_MESSAGE =
  "Your code interfered with the test runner (it changed the objects the tests rely on), so it could not be graded. Remove those changes and submit again.";

function defaultMessage(status: TestStatus): string {
  switch (status) {
    case "fail":
      return "A check failed.";
    case "error":
      return "The test threw an error.";
    case "timeout":
      return "The test took too long.";
    case "skipped":
      return "Not run.";
    case "pass":
      return "";
  }
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}
