import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { collectTests } from "@/lib/lab/api/define";
import { loadNodeTf } from "./node-tf";
import { summarize, testResult } from "./results";
import { parseResults } from "./results-schema";
import { extractTestSources, withTestCode } from "./test-source";
import { loadExercise, loadExerciseTests, visibleTestSources } from "@/lib/lab/exercises/load";

describe("extractTestSources", () => {
  it("reads each test's body, dedented, past strings, templates, comments and regular expressions that hold brackets", () => {
    const source = [
      'import { defineTests } from "@/lib/lab/api";',
      "export default defineTests(({ test, expectClose }) => {",
      '  test("braces in strings: }", () => {',
      '    const s = "})"; // a comment with } and )',
      "    const t = `${s.length} }${`nested ${1}`}`;",
      "    /* block } */ const r = /[})]\\//g;",
      "    expectClose(1, 1);",
      "  }, { points: 2 });",
      "",
      "  test('single quotes \\'escaped\\'', async () => {",
      "    await Promise.resolve({ a: [1, 2] });",
      "  });",
      "  contest(\"not a test\", () => {});",
      "  test(`a template name`, () => {",
      "    if (true) {",
      "      nested();",
      "    }",
      "  });",
      "});",
    ].join("\n");
    expect(extractTestSources(source)).toEqual({
      "braces in strings: }": 'const s = "})"; // a comment with } and )\nconst t = `${s.length} }${`nested ${1}`}`;\n/* block } */ const r = /[})]\\//g;\nexpectClose(1, 1);',
      "single quotes 'escaped'": "await Promise.resolve({ a: [1, 2] });",
      "a template name": "if (true) {\n  nested();\n}",
    });
  });

  it("finds every visible test of every exercise in lab/, under the names the runner reports", async () => {
    const tf = await loadNodeTf();
    const lab = path.join(process.cwd(), "lab");
    const ids = fs.readdirSync(lab).filter((id) => fs.existsSync(path.join(lab, id, "tests.ts")));
    expect(ids.length).toBeGreaterThanOrEqual(9);
    for (const id of ids) {
      const exercise = loadExercise(id);
      const names = collectTests(await loadExerciseTests(exercise, { hidden: false }), { tf, solution: {} }).map((test) => test.name);
      const sources = visibleTestSources(exercise);
      expect(Object.keys(sources), id).toEqual(names);
      for (const code of Object.values(sources)) expect(code, id).toMatch(/\S/);
      // None of the hidden tests' names, nor their code: hidden.ts is never read for this.
      const hidden = collectTests(await loadExerciseTests(exercise, { hidden: true }), { tf, solution: {} }).filter((test) => test.hidden);
      for (const test of hidden) expect(Object.hasOwn(sources, test.name), `${id}: ${test.name}`).toBe(false);
    }
  });
});

describe("withTestCode", () => {
  const plan = [
    { name: "visible", maxPoints: 1, hidden: false, timeoutMs: 100 },
    { name: "hidden", maxPoints: 1, hidden: true, timeoutMs: 100 },
  ];
  const results = summarize([testResult(plan[0]!, { status: "fail", message: "no", durationMs: 1 }), testResult(plan[1]!, { status: "fail", durationMs: 1 })], { backend: "cpu", durationMs: 2 });

  it("gives visible tests their code and never a hidden one, even when asked with its name", () => {
    const withCode = withTestCode(results, { visible: "expect(1)", hidden: "secretInputs()" });
    expect(withCode.tests[0]!.test_code).toBe("expect(1)");
    expect(withCode.tests[1]!.test_code).toBeUndefined();
    expect(JSON.stringify(withCode)).not.toContain("secretInputs");
    expect(parseResults(withCode)).toEqual(withCode);
  });

  it("keeps a code already there and leaves tests it has no source for alone", () => {
    const once = withTestCode(results, { visible: "first" });
    expect(withTestCode(once, { visible: "second" }).tests[0]!.test_code).toBe("first");
    expect(withTestCode(results, { toString: "x" }).tests[0]).not.toHaveProperty("test_code");
    expect(withTestCode(results, {}).tests[0]).not.toHaveProperty("test_code");
  });
});
