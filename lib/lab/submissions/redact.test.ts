import { describe, expect, it } from "vitest";
import { summarize, testResult, type PlannedTest } from "@/lib/lab/runner/results";
import { resultsSchema } from "@/lib/lab/runner/results-schema";
import { redactHidden } from "./redact";

const planned = (name: string, hidden: boolean): PlannedTest => ({ name, maxPoints: 1, hidden, timeoutMs: 5000 });

describe("redactHidden", () => {
  it("keeps a hidden test's name, verdict and points, and nothing else: no message, output or duration", () => {
    const results = summarize(
      [
        testResult(planned("visible", false), { status: "fail", message: "expected [1, 2] but got [2, 1]", output: "p = [1, 2]", durationMs: 4 }),
        testResult(planned("hidden shape", true), { status: "fail", message: "expected shape [2, 2] for inputs [[0.1, 0.9]]", output: "p = [[0.1, 0.9]]", durationMs: 362 }),
        testResult(planned("hidden pass", true), { status: "pass", output: "printed inputs", durationMs: 1003 }),
      ],
      { backend: "cpu", durationMs: 1400 },
    );
    const redacted = resultsSchema.parse(redactHidden(results));
    expect(redacted.tests[0]).toEqual(results.tests[0]);
    expect(redacted.tests[1]).toEqual({ name: "hidden shape", status: "fail", points: 0, maxPoints: 1, hidden: true });
    expect(redacted.tests[2]).toEqual({ name: "hidden pass", status: "pass", points: 1, maxPoints: 1, hidden: true });
    expect(JSON.stringify(redacted.tests.slice(1))).not.toMatch(/0\.1|printed|shape \[2|362|1003/);
  });

  it("gives the run's time as the visible tests' time, so it says nothing of how long hidden tests took", () => {
    const results = summarize(
      [
        testResult(planned("a", false), { status: "pass", durationMs: 12.3 }),
        testResult(planned("b", false), { status: "pass", durationMs: 7.5 }),
        testResult(planned("hidden", true), { status: "pass", durationMs: 999 }),
      ],
      { backend: "cpu", durationMs: 1100 },
    );
    expect(redactHidden(results).durationMs).toBe(19.8);
  });

  it("treats a visible test that ran after a hidden one as hidden too", () => {
    const results = summarize(
      [
        testResult(planned("hidden", true), { status: "fail", message: "inputs [3]", durationMs: 5 }),
        testResult(planned("visible after", false), { status: "fail", message: "still holding [3]", output: "[3]", durationMs: 9 }),
      ],
      { backend: "cpu", durationMs: 20 },
    );
    const redacted = resultsSchema.parse(redactHidden(results));
    expect(redacted.tests[1]).toEqual({ name: "visible after", status: "fail", points: 0, maxPoints: 1, hidden: false, message: "Not shown: this test ran after a hidden test.", durationMs: 0 });
    expect(redacted.durationMs).toBe(0);
  });
});
