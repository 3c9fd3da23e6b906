// Verdict parity: for every exercise and every committed solution (reference, starter, wrong/*, correct/*), the
// server sandbox (grading processes, isolates) gives the same per-test verdicts as the Node grader (the CLI's
// path: gradeSolution in-process with tfjs's CPU backend). The browser's side (visible tests) is in e2e.
import { afterAll, describe, expect, it } from "vitest";
import { gradeSolution } from "@/lib/lab/runner/grade";
import { listExercises, loadExercise, loadExerciseTests } from "@/lib/lab/exercises/load";
import { loadNodeTf } from "@/lib/lab/runner/node-tf";
import { resultsSchema } from "@/lib/lab/runner/results-schema";
import { createGradingPool } from "./process-pool";

const grader = createGradingPool({ size: 2, queueLimit: 64 });
afterAll(() => grader.close());

const verdicts = (results: { tests: Array<{ name: string; status: string }> }) => results.tests.map((t) => `${t.status} · ${t.name}`);

describe("sandbox ↔ Node grader parity", () => {
  for (const summary of listExercises()) {
    it(`${summary.id}: every committed solution gets the same verdicts`, async () => {
      const tf = await loadNodeTf();
      const exercise = loadExercise(summary.id);
      const suites = await loadExerciseTests(exercise, { hidden: true });
      const solutions = [
        { file: "solution.ts", source: exercise.solution },
        { file: "starter.ts", source: exercise.starter },
        ...exercise.wrong.map((s) => ({ file: s.file, source: s.source })),
        ...exercise.correct.map((s) => ({ file: s.file, source: s.source })),
      ];
      const sandboxed = await Promise.all(solutions.map((s) => grader.grade({ exerciseId: exercise.id, source: s.source, exports: exercise.exports })));
      for (const [i, solution] of solutions.entries()) {
        const node = await gradeSolution({ tf: tf as never, source: solution.source, exports: exercise.exports, tests: suites, backend: "cpu" });
        const sandbox = resultsSchema.parse(sandboxed[i]);
        expect(verdicts(sandbox), `${exercise.id}/${solution.file}`).toEqual(verdicts(node));
        expect(sandbox.status, `${exercise.id}/${solution.file}`).toBe(node.status);
        expect(sandbox.points, `${exercise.id}/${solution.file}`).toBe(node.points);
      }
    }, 120_000);
  }
});
