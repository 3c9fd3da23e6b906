import { describe, expect, it } from "vitest";
import { capOutput, errorResults, OUTPUT_LIMIT, stoppedResults, summarize, testResult, type PlannedTest } from "./results";
import { parseResults } from "./results-schema";

const planned: PlannedTest[] = [
  { name: "a", maxPoints: 2, hidden: false, timeoutMs: 100 },
  { name: "b", maxPoints: 1, hidden: false, timeoutMs: 100 },
  { name: "c", maxPoints: 3, hidden: true, timeoutMs: 100 },
];

describe("results", () => {
  it("earns points only on pass and carries a message exactly when a test did not pass", () => {
    const passed = testResult(planned[0]!, { status: "pass", message: "ignored", durationMs: 1.234 });
    expect(passed).toEqual({ name: "a", status: "pass", points: 2, maxPoints: 2, hidden: false, durationMs: 1.2 });
    const failed = testResult(planned[2]!, { status: "fail", durationMs: 0 });
    expect(failed).toMatchObject({ status: "fail", points: 0, message: "A check failed." });
  });

  it("summarizes into pass, fail or error", () => {
    const pass = testResult(planned[0]!, { status: "pass", durationMs: 1 });
    const fail = testResult(planned[1]!, { status: "timeout", durationMs: 1 });
    expect(summarize([pass], { backend: "cpu", durationMs: 3 })).toMatchObject({ status: "pass", points: 2, maxPoints: 2 });
    expect(parseResults(summarize([pass, fail], { backend: "webgl", durationMs: 3 }))).toMatchObject({ status: "fail", points: 2, maxPoints: 3 });
    const error = errorResults(planned, { backend: "cpu", durationMs: 1, message: "solution.ts:1:1: syntax error" });
    expect(parseResults(error)).toMatchObject({ status: "error", points: 0, maxPoints: 6 });
    expect(error.tests.every((t) => t.status === "skipped")).toBe(true);
  });

  it("completes a run a supervisor had to stop", () => {
    const first = testResult(planned[0]!, { status: "pass", durationMs: 4 });
    const results = stoppedResults(planned, [first], { runningIndex: 1, runningMs: 5000, backend: "webgl", durationMs: 5100 });
    expect(parseResults(results).tests.map((t) => t.status)).toEqual(["pass", "timeout", "skipped"]);
    expect(results.tests[1]?.message).toContain("Stopped after 5000 ms (limit 100 ms)");
  });

  it("caps output", () => {
    expect(capOutput("")).toBeUndefined();
    expect(capOutput("x".repeat(OUTPUT_LIMIT + 10))).toContain("output truncated");
  });

  it("the schema rejects results that break the format's invariants", () => {
    const ok = summarize([testResult(planned[0]!, { status: "pass", durationMs: 1 })], { backend: "cpu", durationMs: 1 });
    expect(() => parseResults({ ...ok, points: 1 })).toThrow();
    expect(() => parseResults({ ...ok, extra: true })).toThrow();
    expect(() => parseResults({ ...ok, tests: [{ ...ok.tests[0], status: "fail" }] })).toThrow();
  });
});
