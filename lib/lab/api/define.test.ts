import { describe, expect, it } from "vitest";
import { tf } from "../testing";
import { collectTests, defineTests } from "./define";

describe("defineTests and collectTests", () => {
  it("registers tests with defaults and injects tf and the solution", () => {
    let seen: unknown;
    const suite = defineTests<{ f: () => number }>(({ test, solution, tf: injected }) => {
      seen = injected;
      test("uses defaults", () => void solution.f());
      test("hidden and worth more", () => undefined, { points: 3, hidden: true, timeoutMs: 100 });
    });
    const tests = collectTests([suite], { tf, solution: { f: () => 1 } });
    expect(seen).toBe(tf);
    expect(tests.map(({ name, points, hidden, timeoutMs }) => ({ name, points, hidden, timeoutMs }))).toEqual([
      { name: "uses defaults", points: 1, hidden: false, timeoutMs: 5000 },
      { name: "hidden and worth more", points: 3, hidden: true, timeoutMs: 100 },
    ]);
  });

  it("rejects duplicate names across suites and bad options", () => {
    const a = defineTests(({ test }) => test("same", () => undefined));
    expect(() => collectTests([a, a], { tf, solution: {} })).toThrow('Two lab tests are named "same"');
    const bad = defineTests(({ test }) => test("negative", () => undefined, { points: -1 }));
    expect(() => collectTests([bad], { tf, solution: {} })).toThrow("points");
  });
});
