// Runs the learner's code in a dedicated worker and enforces each test's time limit from outside: a worker stuck
// in `while (true) {}` cannot stop itself, so the page terminates it, names the test that timed out, reports the
// rest as not run, and starts a fresh worker for the next run. Between runs the worker stays warm (tfjs loaded).
import { errorResults, stoppedResults, type PlannedTest, type Results, type TestResult } from "@/lib/lab/runner/results";
import { GRACE_MS, LOAD_LIMIT_MS } from "@/lib/lab/runner/limits";
import type { BackendName, WorkerEvent } from "./protocol";

export type RunProgress = {
  backend: string | null;
  planned: PlannedTest[];
  finished: TestResult[];
  runningIndex: number | null;
};

/** How long starting tfjs may take (a cold WebGPU or WebAssembly start is slow on software rendering). */
export const START_LIMIT_MS = 60_000;

export class LabSupervisor {
  private worker: Worker | null = null;
  private runId = 0;
  private lastBackend: string | null = null;

  constructor(private readonly backend?: BackendName) {}

  get backendName(): string | null {
    return this.lastBackend;
  }

  /** Starts the worker (and tfjs) ahead of the first run. */
  warm(): void {
    this.worker ??= new Worker(new URL("./web-worker.ts", import.meta.url), { type: "module" });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  run(request: { exerciseId: string; source: string; exports: readonly string[] }, onProgress?: (progress: RunProgress) => void): Promise<Results> {
    this.warm();
    const worker = this.worker!;
    const runId = ++this.runId;
    const started = performance.now();
    const progress: RunProgress = { backend: this.lastBackend, planned: [], finished: [], runningIndex: null };
    let runningSince = 0;

    return new Promise<Results>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const arm = (ms: number, onExpire: () => void) => {
        clearTimeout(timer);
        timer = setTimeout(onExpire, ms);
      };
      const finish = (results: Results) => {
        clearTimeout(timer);
        worker.removeEventListener("message", onMessage);
        worker.removeEventListener("error", onError);
        resolve(results);
      };
      const stop = (results: Results) => {
        worker.terminate();
        if (this.worker === worker) this.worker = null;
        finish(results);
      };
      const elapsed = () => performance.now() - started;
      const backend = () => progress.backend ?? "unknown";

      const onMessage = (message: MessageEvent<WorkerEvent>) => {
        const event = message.data;
        if (event.runId !== runId) return;
        switch (event.type) {
          case "backend":
            progress.backend = this.lastBackend = event.backend;
            arm(LOAD_LIMIT_MS, () =>
              stop(
                errorResults([], {
                  backend: backend(),
                  durationMs: elapsed(),
                  message: `Your module did not finish loading within ${LOAD_LIMIT_MS / 1000} s. Look for a loop at the top level of your file that never ends.`,
                }),
              ),
            );
            break;
          case "plan":
            progress.planned = event.tests;
            clearTimeout(timer);
            break;
          case "test-start":
            progress.runningIndex = event.index;
            runningSince = performance.now();
            arm(event.test.timeoutMs + GRACE_MS, () =>
              stop(
                stoppedResults(progress.planned, progress.finished, {
                  runningIndex: event.index,
                  runningMs: performance.now() - runningSince,
                  backend: backend(),
                  durationMs: elapsed(),
                  reason: `Did not finish within ${event.test.timeoutMs / 1000} s, so it was stopped. Look for a loop that never ends or a very large tensor.`,
                }),
              ),
            );
            break;
          case "test-end":
            progress.finished[event.index] = event.result;
            progress.runningIndex = null;
            clearTimeout(timer);
            break;
          case "done":
            finish(event.results);
            return;
          case "failed":
            stop(errorResults(progress.planned, { backend: backend(), durationMs: elapsed(), message: event.message }));
            return;
        }
        onProgress?.({ ...progress, finished: [...progress.finished] });
      };
      const onError = (event: ErrorEvent) => {
        event.preventDefault();
        stop(errorResults(progress.planned, { backend: backend(), durationMs: elapsed(), message: `The grading worker crashed: ${event.message || "unknown error"}. Run again.` }));
      };

      worker.addEventListener("message", onMessage);
      worker.addEventListener("error", onError);
      arm(START_LIMIT_MS, () =>
        stop(errorResults([], { backend: backend(), durationMs: elapsed(), message: "TensorFlow.js did not start within a minute. Reload the page and run again." })),
      );
      worker.postMessage({ type: "run", runId, ...request, exports: [...request.exports], backend: this.backend });
    });
  }
}
