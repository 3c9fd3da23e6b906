// Messages between the process pool (grading-process.ts, in a job worker) and a grading process (process-entry.ts),
// over Node's IPC.
import type { PlannedTest, Results, TestResult } from "@/lib/lab/runner/results";

/** One submission to grade: the exercise, the learner's source, the names it must export (prompt.md's `exports`). */
export type GradingRequest = { exerciseId: string; source: string; exports: readonly string[] };

export type ToGradingProcess = { type: "grade"; jobId: number; job: GradingRequest };

export type FromGradingProcess =
  | { type: "ready" }
  | { type: "plan"; jobId: number; plan: PlannedTest[] }
  | { type: "test-start"; jobId: number; index: number }
  | { type: "test-end"; jobId: number; index: number; result: TestResult }
  | { type: "done"; jobId: number; results: Results }
  /** Nothing was graded, for a reason that is not the learner's (the tests could not be built, …). */
  | { type: "failed"; jobId: number; message: string };
