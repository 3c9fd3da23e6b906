import { describe, expect, it } from "vitest";
import { INTERFERED_MESSAGE, stoppedResults, type PlannedTest } from "@/lib/lab/runner/results";
import { resultsSchema } from "@/lib/lab/runner/results-schema";
import { acceptResults, MESSAGE_LIMIT } from "./accept";

const plan: PlannedTest[] = [
  { name: "shape", maxPoints: 1, hidden: false, timeoutMs: 5000 },
  { name: "hidden values", maxPoints: 3, hidden: true, timeoutMs: 5000 },
];
const run = { backend: "cpu", durationMs: 12 };
const reported = (tests: unknown[], extra: object = {}) => ({ version: 3, status: "fail", tests, points: 99, maxPoints: 99, backend: "webgpu", durationMs: 1, ...extra });

describe("acceptResults", () => {
  it("rebuilds every test from the plan: points, visibility and totals cannot be claimed", () => {
    const results = acceptResults(
      reported([
        { name: "shape", status: "pass", points: 50, maxPoints: 50, hidden: true, durationMs: 3, test_code: "x" },
        { name: "hidden values", status: "fail", message: "expected 1", points: 3, maxPoints: 3, hidden: false, durationMs: 4 },
      ], { status: "pass" }),
      plan,
      run,
    );
    expect(resultsSchema.parse(results)).toMatchObject({ status: "fail", points: 1, maxPoints: 4, backend: "cpu" });
    expect(results.tests[0]).toEqual({ name: "shape", status: "pass", points: 1, maxPoints: 1, hidden: false, durationMs: 3 });
    expect(results.tests[1]).toMatchObject({ hidden: true, points: 0, message: "expected 1" });
  });

  it.each([
    ["a test missing", [{ name: "shape", status: "pass" }]],
    ["a renamed test", [{ name: "shape", status: "pass" }, { name: "other", status: "pass" }]],
    ["an unknown status", [{ name: "shape", status: "pass" }, { name: "hidden values", status: "passed" }]],
    ["not a list", "all passed"],
  ])("refuses a report with %s", (_what, tests) => {
    const results = acceptResults(reported(tests as unknown[]), plan, run);
    expect(results).toMatchObject({ status: "error", message: INTERFERED_MESSAGE, points: 0 });
    expect(results.tests.map((t) => t.status)).toEqual(["skipped", "skipped"]);
  });

  it("caps messages and output, and keeps a suite error's message", () => {
    const huge = "x".repeat(MESSAGE_LIMIT * 3);
    const results = acceptResults(
      reported([{ name: "shape", status: "skipped", message: huge, output: huge }, { name: "hidden values", status: "skipped" }], { status: "error", message: huge }),
      plan,
      run,
    );
    expect(resultsSchema.parse(results).status).toBe("error");
    expect(results.message!.length).toBeLessThan(MESSAGE_LIMIT + 100);
    expect(results.tests[0]!.message!.length).toBeLessThan(MESSAGE_LIMIT + 100);
    expect(results.tests[0]!.output).toMatch(/output truncated/);
  });
});

describe("stoppedResults", () => {
  it("keeps finished tests, stops the running one with the reason, skips the rest", () => {
    const finished = acceptResults(reported([{ name: "shape", status: "pass" }, { name: "hidden values", status: "pass" }]), plan, run).tests;
    const results = stoppedResults([...plan, { name: "third", maxPoints: 1, hidden: false, timeoutMs: 5000 }], [finished[0]], {
      ...run,
      runningIndex: 1,
      runningMs: 5300,
      status: "timeout",
      reason: "Did not finish within 5 s",
    });
    expect(resultsSchema.parse(results).tests.map((t) => t.status)).toEqual(["pass", "timeout", "skipped"]);
    expect(results).toMatchObject({ status: "fail", points: 1 });
  });
});
