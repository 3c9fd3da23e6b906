// What the host accepts from inside the isolate. The runner there shares its heap with the learner's code, so its
// report is input, not truth: each test is rebuilt from the plan taken before any learner code ran (name, points,
// visibility, order), keeping only a valid status, capped storable text and a duration; totals are recomputed here.
import { capOutput, errorResults, INTERFERED_MESSAGE, OUTPUT_LIMIT, summarize, TEST_STATUSES, testResult, type PlannedTest, type Results, type TestResult, type TestStatus } from "@/lib/lab/runner/results";
import { storableText } from "@/lib/validations/text";

/** A message longer than this is cut: it is stored with the submission and shown to the learner. */
export const MESSAGE_LIMIT = 4000;

type Raw = Record<string, unknown>;

const isObject = (value: unknown): value is Raw => typeof value === "object" && value !== null && !Array.isArray(value);

export function capMessage(message: string): string {
  const capped = message.length <= MESSAGE_LIMIT ? message : `${message.slice(0, MESSAGE_LIMIT)}… (message cut at ${MESSAGE_LIMIT} characters)`;
  return storableText(capped);
}

// The runner already caps output (with a note); cap again only what is longer than that could be.
function acceptOutput(output: unknown): string | undefined {
  if (typeof output !== "string" || output.length === 0) return undefined;
  return storableText(output.length <= OUTPUT_LIMIT + 100 ? output : (capOutput(output) ?? ""));
}

/** One test as the runner reported it, or null when it does not describe the planned test. */
export function acceptTest(raw: unknown, planned: PlannedTest): TestResult | null {
  if (!isObject(raw) || raw.name !== planned.name || !(TEST_STATUSES as readonly unknown[]).includes(raw.status)) return null;
  const durationMs = typeof raw.durationMs === "number" && Number.isFinite(raw.durationMs) && raw.durationMs >= 0 ? raw.durationMs : 0;
  return testResult(planned, {
    status: raw.status as TestStatus,
    message: typeof raw.message === "string" ? capMessage(raw.message) : undefined,
    output: acceptOutput(raw.output),
    durationMs,
  });
}

/** The results of a run that completed inside the isolate, checked against the trusted plan. */
export function acceptResults(raw: unknown, plan: PlannedTest[], run: { backend: string; durationMs: number }): Results {
  const tampered = () => errorResults(plan, { ...run, message: INTERFERED_MESSAGE });
  if (!isObject(raw) || !Array.isArray(raw.tests) || raw.tests.length !== plan.length) return tampered();
  const tests: TestResult[] = [];
  for (const [index, planned] of plan.entries()) {
    const test = acceptTest(raw.tests[index], planned);
    if (!test) return tampered();
    tests.push(test);
  }
  if (raw.status === "error") {
    const message = typeof raw.message === "string" && raw.message.trim() ? capMessage(raw.message) : "Your code could not be loaded.";
    return summarize(tests, { ...run, message });
  }
  return summarize(tests, run);
}
