// Messages between the web server's grader pool (pool.ts) and a grading process (worker.ts), over Node's IPC.
import type { PlannedTest, Results, TestResult } from "@/lib/lab/runner/results";

export type GradeJob = { exerciseId: string; source: string; exports: readonly string[] };

export type ToWorker = { type: "grade"; jobId: number; job: GradeJob };

export type FromWorker =
  | { type: "ready" }
  | { type: "plan"; jobId: number; plan: PlannedTest[] }
  | { type: "test-start"; jobId: number; index: number }
  | { type: "test-end"; jobId: number; index: number; result: TestResult }
  | { type: "done"; jobId: number; results: Results }
  /** Nothing was graded, for a reason that is not the learner's (the tests could not be built, …). */
  | { type: "failed"; jobId: number; message: string };
