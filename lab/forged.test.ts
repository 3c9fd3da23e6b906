// A grade must mean the code works: every forged solution (lab/forgeries.ts) earns, in every exercise, no more than a
// solution that computes nothing at all — through the server sandbox (grading processes, isolates) and through the
// CLI (`npm run lab -- grade <id> <file> --hidden`: in-process for every forgery, as a real process for one).
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listExercises, loadExercise } from "@/lib/lab/exercises/load";
import type { Results } from "@/lib/lab/runner/results";
import { parseResults } from "@/lib/lab/runner/results-schema";
import { createGradingPool } from "@/lib/lab/sandbox/process-pool";
import { main } from "@/scripts/lab";
import { computesNothing, FORGERY_KINDS, forgedSolution, type ForgeryKind } from "./forgeries";

const REPO = path.resolve(import.meta.dirname, "..");
const kinds = Object.keys(FORGERY_KINDS) as ForgeryKind[];
const exercises = listExercises().map((summary) => loadExercise(summary.id));
const grader = createGradingPool({ size: 2, queueLimit: 256 });
let dir: string;
/** What a solution that computes nothing passes, per exercise: a forgery may pass no more. */
const nothing = new Map<string, Results>();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "latent-forged-"));
  for (const exercise of exercises) {
    nothing.set(exercise.id, await cliInProcess(exercise.id, write(exercise.id, "nothing", computesNothing(exercise.exports))));
  }
});
afterAll(() => {
  grader.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(exerciseId: string, name: string, source: string): string {
  const file = path.join(dir, `${exerciseId}-${name}.ts`);
  fs.writeFileSync(file, source);
  return file;
}

async function cliInProcess(exerciseId: string, file: string): Promise<Results> {
  let stdout = "";
  await main(["grade", exerciseId, file, "--hidden", "--json"], { stdout: (text) => (stdout += text), stderr: () => undefined, cwd: REPO });
  return parseResults(JSON.parse(stdout));
}

const passed = (results: Results) => results.tests.filter((test) => test.status === "pass").map((test) => test.name);

describe.each(exercises.map((exercise) => ({ id: exercise.id, exercise })))("$id", ({ exercise }) => {
  it.each(kinds)("refuses the %s forgery in the sandbox and the CLI", async (kind) => {
    const source = forgedSolution(exercise.id, exercise.exports, kind);
    const [sandbox, cli] = await Promise.all([
      grader.grade({ exerciseId: exercise.id, source, exports: exercise.exports }).then(parseResults),
      cliInProcess(exercise.id, write(exercise.id, kind, source)),
    ]);
    for (const [where, results] of [["sandbox", sandbox], ["CLI", cli]] as const) {
      const baseline = nothing.get(exercise.id)!;
      expect(passed(results), `${where}: the tests a forgery passes are those computing nothing passes`).toEqual(passed(baseline));
      expect(results.points, where).toBe(baseline.points);
    }
  }, 60_000);
});

describe("a forgery's messages", () => {
  it("tell the learner to return the tensor tf gives them", async () => {
    const exercise = loadExercise("kl-divergence");
    const results = await cliInProcess(exercise.id, write(exercise.id, "message", forgedSolution(exercise.id, exercise.exports, "plain-object")));
    expect(results.tests[0]!.message).toMatch(/looks like a tensor but was not made by tf/);
    expect(results.tests[0]!.message).toMatch(/return the tensor tf gives you/i);
  });
});

describe("npm run lab -- grade … --hidden, as its own process", () => {
  const run = promisify(execFile);
  // The CLI's code path runs in-process above for every forgery; here the real command, for the exercises named in
  // the report that found the hole and the two whose results are not tensors (a number with a model, a list).
  it.each(["kl-divergence", "wgan-critic-loss", "train-step", "minibatches"])("refuses the plain-object forgery in %s", async (id) => {
    const exercise = loadExercise(id);
    const file = write(id, "spawned", forgedSolution(id, exercise.exports, "plain-object"));
    const { stdout, code } = await run("npx", ["tsx", "scripts/lab.ts", "grade", id, file, "--hidden", "--json"], { cwd: REPO }).then(
      (done) => ({ stdout: done.stdout, code: 0 }),
      (failed: { stdout?: string; code?: number }) => ({ stdout: failed.stdout ?? "", code: failed.code ?? -1 }),
    );
    expect(code).toBe(1);
    expect(passed(parseResults(JSON.parse(stdout)))).toEqual(passed(nothing.get(id)!));
  }, 120_000);
});
