// What runs inside a grading isolate, bundled per exercise by isolate-bundle.ts with the test API, the runner and the
// exercise's tests ("latent:visible-tests" and "latent:hidden-tests" are its tests.ts and hidden.ts, resolved by the
// bundler). It leaves two functions on the global object for the host, which takes them and deletes them before any
// learner code runs. tf is the isolate's own copy of tfjs, loaded before this script.
import { collectTests } from "@/lib/lab/api/define";
import type { Tf } from "@/lib/lab/api/tf";
import { gradeSolution } from "@/lib/lab/runner/grade";
import { planTests } from "@/lib/lab/runner/run-suite";
import visible from "latent:visible-tests";
import hidden from "latent:hidden-tests";

/** The host's callback (an isolated-vm Reference): the runner's progress, as it happens. */
type Report = { applySync(receiver: undefined, args: [kind: "plan" | "start" | "end", payload: string]): void };

const isolate = globalThis as unknown as {
  tf: Tf;
  /** The plan, taken before any learner code runs: what the host checks the results against (accept.ts). */
  __latentPlan: () => string;
  /** Grades the learner's source; the results as JSON (the host rebuilds them from the plan, never trusts them). */
  __latentGrade: (source: string, exportsJson: string, report: Report) => Promise<string>;
};

// Visible tests first, then hidden ones: a hidden test's inputs can never reach a visible test's message.
const suites = [visible, hidden];

isolate.__latentPlan = () => JSON.stringify(planTests(collectTests(suites, { tf: isolate.tf, solution: {} })));

isolate.__latentGrade = (source, exportsJson, report) =>
  gradeSolution({
    tf: isolate.tf,
    source,
    exports: JSON.parse(exportsJson) as string[],
    tests: suites,
    backend: "cpu",
    onPlan: () => report.applySync(undefined, ["plan", ""]),
    onTestStart: ({ index }) => report.applySync(undefined, ["start", String(index)]),
    onTestEnd: ({ index, result }) => report.applySync(undefined, ["end", JSON.stringify({ index, result })]),
  }).then((results) => JSON.stringify(results));
