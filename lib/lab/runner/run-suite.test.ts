import { describe, expect, it } from "vitest";
import { tf } from "../testing";
import { defineTests } from "@/lib/lab/api/define";
import { gradeSolution } from "./grade";
import { parseResults } from "./results-schema";
import { runSuite } from "./run-suite";
import { createOutputCapture } from "./output";

const solution = { double: (x: number) => 2 * x };

describe("runSuite", () => {
  it("reports pass, fail, error and timeout, sums the points and emits events in order", async () => {
    const suite = defineTests<typeof solution>(({ test, solution: s, expectClose }) => {
      test("passes", () => expectClose(s.double(2), 4), { points: 2 });
      test("fails", () => expectClose(s.double(2), 5, { label: "double(2)" }));
      test("throws", () => {
        throw new TypeError("x is undefined");
      });
      test("never resolves", () => new Promise<void>(() => undefined), { timeoutMs: 30 });
      test("hidden and passing", () => undefined, { hidden: true, points: 3 });
    });
    const events: string[] = [];
    const results = await runSuite({
      tf,
      tests: [suite],
      solutionModule: solution,
      onPlan: (planned) => events.push(`plan ${planned.length}`),
      onTestStart: ({ index }) => events.push(`start ${index}`),
      onTestEnd: ({ index, result }) => events.push(`end ${index} ${result.status}`),
    });
    parseResults(results);
    expect(results.tests.map((t) => [t.status, t.points, t.maxPoints])).toEqual([
      ["pass", 2, 2],
      ["fail", 0, 1],
      ["error", 0, 1],
      ["timeout", 0, 1],
      ["pass", 3, 3],
    ]);
    expect(results.tests[1]?.message).toContain("double(2): expected 5 but got 4");
    expect(results.tests[2]?.message).toBe("TypeError: x is undefined");
    expect(results.tests[3]?.message).toContain("did not finish within 30 ms");
    expect(results).toMatchObject({ status: "fail", points: 5, maxPoints: 8, backend: "cpu", version: 3 });
    expect(events).toEqual(["plan 5", "start 0", "end 0 pass", "start 1", "end 1 fail", "start 2", "end 2 error", "start 3", "end 3 timeout", "start 4", "end 4 pass"]);
  });

  it("marks a synchronous test that ran past its limit as a timeout", async () => {
    const suite = defineTests(({ test }) => {
      test("slow", () => {
        const end = Date.now() + 25;
        while (Date.now() < end) {
          // busy
        }
      }, { timeoutMs: 5 });
    });
    const results = await runSuite({ tf, tests: [suite], solutionModule: {} });
    expect(results.tests[0]?.status).toBe("timeout");
    expect(results.tests[0]?.message).toMatch(/took \d+ ms; the limit is 5 ms/);
  });

  it("isolates tests: tensors and variables one test leaves behind are gone before the next", async () => {
    const counts: number[] = [];
    const suite = defineTests(({ test, tf: injected }) => {
      test("leaks", () => {
        counts.push(injected.memory().numTensors);
        injected.tensor1d([1, 2, 3]).square();
        injected.variable(injected.zeros([2]));
      });
      test("starts clean", () => {
        counts.push(injected.memory().numTensors);
      });
    });
    await runSuite({ tf, tests: [suite], solutionModule: {} });
    expect(counts[1]).toBe(counts[0]);
  });

  it("attributes the learner's console output to the test that printed it", async () => {
    const output = createOutputCapture();
    const suite = defineTests(({ test }) => {
      test("quiet", () => undefined);
      test("chatty", () => output.console.log("shape", [2, 3]));
    });
    const results = await runSuite({ tf, tests: [suite], solutionModule: {}, output });
    expect(results.tests[0]?.output).toBeUndefined();
    expect(results.tests[1]?.output).toBe("shape [2,3]\n");
  });
});

describe("gradeSolution", () => {
  const suite = defineTests<{ double: (x: number) => number }>(({ test, solution: s, expectClose }) => {
    test("doubles", () => expectClose(s.double(3), 6));
    test("doubles negatives", () => expectClose(s.double(-1), -2), { hidden: true });
  });

  it("grades a source file end to end", async () => {
    const results = await gradeSolution({ tf, source: "export const double = (x: number) => x * 2;", exports: ["double"], tests: [suite] });
    expect(parseResults(results).status).toBe("pass");
  });

  it("turns a module that cannot load into an error result listing every test as skipped", async () => {
    const results = await gradeSolution({ tf, source: "export const double = (x: number) => x *;", exports: ["double"], tests: [suite] });
    parseResults(results);
    expect(results.status).toBe("error");
    expect(results.message).toMatch(/^solution\.ts:1:\d+: syntax error/);
    expect(results.tests.map((t) => [t.name, t.status, t.hidden])).toEqual([
      ["doubles", "skipped", false],
      ["doubles negatives", "skipped", true],
    ]);
    expect(results.maxPoints).toBe(2);
  });

  it("points an error thrown by the learner's code at its line", async () => {
    const results = await gradeSolution({
      tf,
      source: 'export function double(x: number): number {\n  throw new Error("Not implemented");\n}',
      filename: "starter.ts",
      exports: ["double"],
      tests: [suite],
    });
    expect(results.tests[0]?.message).toBe("Error: Not implemented (starter.ts, line 2)");
  });
});
