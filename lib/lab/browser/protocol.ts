// Messages between the lab page and its grading worker.
import type { PlannedTest, Results, TestResult } from "@/lib/lab/runner/results";

export type BackendName = "webgpu" | "webgl" | "wasm" | "cpu";
export const BACKEND_ORDER: readonly BackendName[] = ["webgpu", "webgl", "wasm", "cpu"];

export type RunRequest = {
  type: "run";
  runId: number;
  exerciseId: string;
  source: string;
  exports: readonly string[];
  /** Force one backend (benchmarks, ?backend= on the page); otherwise the first that works in BACKEND_ORDER. */
  backend?: BackendName;
};

export type WorkerEvent =
  | { type: "backend"; runId: number; backend: string; initMs: number }
  | { type: "plan"; runId: number; tests: PlannedTest[] }
  | { type: "test-start"; runId: number; index: number; test: PlannedTest }
  | { type: "test-end"; runId: number; index: number; result: TestResult }
  | { type: "done"; runId: number; results: Results }
  | { type: "failed"; runId: number; message: string };
