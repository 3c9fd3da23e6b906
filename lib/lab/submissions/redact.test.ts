import { describe, expect, it } from "vitest";
import { summarize, testResult, type PlannedTest } from "@/lib/lab/results";
import { resultsSchema } from "@/lib/lab/results-schema";
import { redactHidden } from "./redact";

const planned = (name: string, hidden: boolean): PlannedTest => ({ name, maxPoints: 1, hidden, timeoutMs: 5000 });

describe("redactHidden", () => {
  it("keeps a hidden test's name, verdict and points, and drops its message and output", () => {
    const results = summarize(
      [
        testResult(planned("visible", false), { status: "fail", message: "expected [1, 2] but got [2, 1]", output: "p = [1, 2]", durationMs: 1 }),
        testResult(planned("hidden shape", true), { status: "fail", message: "expected shape [2, 2] for inputs [[0.1, 0.9]]", output: "p = [[0.1, 0.9]]", durationMs: 1 }),
        testResult(planned("hidden pass", true), { status: "pass", output: "printed inputs", durationMs: 1 }),
      ],
      { backend: "cpu", durationMs: 3 },
    );
    const redacted = resultsSchema.parse(redactHidden(results));
    expect(redacted.tests[0]).toEqual(results.tests[0]);
    expect(redacted.tests[1]).toMatchObject({ name: "hidden shape", status: "fail", points: 0, hidden: true });
    expect(redacted.tests[1]!.message).toMatch(/^This hidden test failed/);
    expect(JSON.stringify(redacted.tests.slice(1))).not.toMatch(/0\.1|printed|shape \[2/);
    expect(redacted.tests[2]).toEqual({ name: "hidden pass", status: "pass", points: 1, maxPoints: 1, hidden: true, durationMs: 1 });
  });
});
