// Verdict parity: for every exercise and every committed solution (reference, starter, wrong/*, correct/*), the
// server sandbox gives the same per-test verdicts as the Node grader (the CLI's path). The browser's side of the
// parity (visible tests) is checked in e2e/lab.spec.ts.
import { describe, expect, it } from "vitest";
import { gradeSubmission } from "@/lib/lab/grade";
import { listExercises, loadExercise, loadExerciseTests } from "@/lib/lab/exercises";
import { loadNodeTf } from "@/lib/lab/node-tf";
import { gradeInSandbox } from "./grade-in-sandbox";

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
        ...exercise.wrong.map((s) => ({ file: `wrong/${s.file}`, source: s.source })),
        ...exercise.correct.map((s) => ({ file: `correct/${s.file}`, source: s.source })),
      ];
      for (const solution of solutions) {
        const node = await gradeSubmission({ tf: tf as never, source: solution.source, exports: exercise.exports, tests: suites, backend: "cpu" });
        const sandbox = await gradeInSandbox({ exerciseId: exercise.id, source: solution.source, exports: exercise.exports });
        expect(verdicts(sandbox), `${exercise.id}/${solution.file}`).toEqual(verdicts(node));
        expect(sandbox.status, `${exercise.id}/${solution.file}`).toBe(node.status);
      }
    }, 120_000);
  }
});
