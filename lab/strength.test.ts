// The strength of every exercise's tests: the reference and the other correct solutions pass all of them (visible
// and hidden), the starter and every realistic wrong solution fail at least one. Also the files an exercise needs,
// that hidden tests are kept in hidden.ts, and that the CLI's exit codes mean what they say.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { collectTests, type LabTests } from "@/lib/lab/api";
import { LAB_DIR, listExercises, loadExercise, loadExerciseTests } from "@/lib/lab/exercises/load";
import { gradeSolution } from "@/lib/lab/runner/grade";
import { loadNodeTf } from "@/lib/lab/runner/node-tf";
import type { Results } from "@/lib/lab/runner/results";
import { parseResults } from "@/lib/lab/runner/results-schema";

const REPO = path.resolve(LAB_DIR, "..");
const exercises = listExercises();
let tf: Awaited<ReturnType<typeof loadNodeTf>>;

beforeAll(async () => {
  tf = await loadNodeTf();
});

function failing(results: Results): string[] {
  return results.tests.filter((test) => test.status !== "pass").map((test) => `${test.name}: ${test.message ?? test.status}`);
}

it("finds the exercises", () => {
  expect(exercises.map((exercise) => exercise.id)).toEqual(
    expect.arrayContaining(["kl-divergence", "wgan-critic-loss", "train-step"]),
  );
  expect(exercises.length).toBeGreaterThanOrEqual(6);
});

describe.each(exercises.map((summary) => ({ id: summary.id })))("$id", ({ id }) => {
  const exercise = loadExercise(id);
  let visible: LabTests<unknown>[];
  let all: LabTests<unknown>[];

  beforeAll(async () => {
    visible = await loadExerciseTests(exercise, { hidden: false });
    all = await loadExerciseTests(exercise, { hidden: true });
  });

  const grade = async (source: string, filename: string) => {
    const results = await gradeSolution({ tf, source, filename, exports: exercise.exports, tests: all });
    parseResults(results); // every run produces exactly the results format
    return results;
  };

  it("has its files: ≥5 wrong solutions that say their bug, ≥2 other correct ones, a prompt that teaches", () => {
    for (const file of ["prompt.md", "starter.ts", "solution.ts", "tests.ts", "hidden.ts"]) {
      expect(fs.existsSync(path.join(exercise.dir, file)), file).toBe(true);
    }
    expect(exercise.wrong.length).toBeGreaterThanOrEqual(5);
    expect(exercise.correct.length).toBeGreaterThanOrEqual(2);
    for (const wrong of exercise.wrong) expect(wrong.description, `${wrong.file} starts with a comment naming the bug`).not.toBe("");
    expect(exercise.prompt.length).toBeGreaterThan(600);
    for (const name of exercise.exports) expect(exercise.prompt).toContain(name);
  });

  it("refers to Q&A notes that exist", () => {
    for (const ref of exercise.notes) {
      const [slug, number] = ref.split("#");
      const deck = path.join(REPO, "content", `${slug}.md`);
      expect(fs.existsSync(deck), `${ref}: content/${slug}.md`).toBe(true);
      expect(fs.readFileSync(deck, "utf8"), ref).toMatch(new RegExp(`^#+\\s*Q${number}[.:]`, "m"));
    }
  });

  it("lists in `notes` every Q&A note its prompt links to", () => {
    const linked = [...exercise.prompt.matchAll(/\]\(([a-z0-9-]+#\d+)\)/g)].map((match) => match[1]);
    for (const ref of linked) expect(exercise.notes, `the prompt links ${ref}`).toContain(ref);
  });

  it("names every hidden test by what it checks and a hint (a learner sees only the name)", () => {
    const hiddenTests = collectTests(all, { tf, solution: {} }).filter((test) => test.hidden);
    for (const test of hiddenTests) expect(test.name, "a hidden test's name: '<property> — <hint>'").toMatch(/\S — \S/);
  });

  it("keeps hidden tests in hidden.ts only, at least one", () => {
    const visibleTests = collectTests(visible, { tf, solution: {} });
    const allTests = collectTests(all, { tf, solution: {} });
    const hiddenTests = allTests.slice(visibleTests.length);
    expect(visibleTests.length).toBeGreaterThan(0);
    expect(visibleTests.filter((test) => test.hidden).map((test) => test.name)).toEqual([]);
    expect(hiddenTests.length).toBeGreaterThanOrEqual(1);
    expect(hiddenTests.filter((test) => !test.hidden).map((test) => test.name)).toEqual([]);
  });

  it("the reference solution passes every test, visible and hidden", async () => {
    const results = await grade(exercise.solution, "solution.ts");
    expect(failing(results)).toEqual([]);
    expect(results.status).toBe("pass");
  });

  it("the starter loads, exports the names, and fails at least one test", async () => {
    const results = await grade(exercise.starter, "starter.ts");
    expect(results.message).toBeUndefined();
    expect(results.status).toBe("fail");
  });

  it.each(exercise.correct.map((file) => ({ file: file.file, source: file.source })))("$file passes every test", async ({ file, source }) => {
    const results = await grade(source, path.basename(file));
    expect(failing(results)).toEqual([]);
  });

  it.each(exercise.wrong.map((file) => ({ file: file.file, source: file.source })))("$file fails at least one test", async ({ file, source }) => {
    const results = await grade(source, path.basename(file));
    expect(results.message, "the wrong solution must load; its bug is in the math, not the syntax").toBeUndefined();
    expect(failing(results).length).toBeGreaterThan(0);
  });
});

describe("npm run lab", () => {
  const run = promisify(execFile);
  const lab = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run("npx", ["tsx", "scripts/lab.ts", ...args], { cwd: REPO });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
    }
  };

  it("exits 0 when every test passes, 1 when one fails, 2 on an unknown exercise", async () => {
    const [pass, fail, unknown] = await Promise.all([
      lab("grade", "kl-divergence", "lab/kl-divergence/solution.ts", "--hidden"),
      lab("grade", "kl-divergence", "lab/kl-divergence/wrong/nan-at-zero.ts", "--json"),
      lab("grade", "no-such-exercise", "lab/kl-divergence/solution.ts"),
    ]);
    expect(pass.code, pass.stderr).toBe(0);
    expect(pass.stdout).toContain("PASS");
    expect(pass.stdout).toContain("(hidden)");
    expect(pass.stdout + pass.stderr).not.toMatch(/tfjs-node/);

    expect(fail.code, fail.stderr).toBe(1);
    const results = parseResults(JSON.parse(fail.stdout));
    expect(results.status).toBe("fail");
    expect(results.tests.some((test) => test.hidden)).toBe(false);

    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown exercise");
    expect(unknown.stderr).toContain("kl-divergence");
  });
});
