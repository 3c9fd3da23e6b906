// The grading worker: TensorFlow.js on the best backend, the learner's module, the exercise's visible tests.
// The page keeps one worker warm between runs and terminates it when a test runs past its time limit.
import { gradeSolution } from "@/lib/lab/runner/grade";
import type { Tf } from "@/lib/lab/api";
import { chooseBackend, tf } from "./backend";
import type { RunRequest, WorkerEvent } from "./protocol";
import { visibleTests } from "./visible-tests";

const post = (event: WorkerEvent) => (self as unknown as Worker).postMessage(event);

self.addEventListener("message", async (message: MessageEvent<RunRequest>) => {
  const request = message.data;
  if (request.type !== "run") return;
  const { runId } = request;
  try {
    const started = performance.now();
    const backend = await chooseBackend(request.backend);
    post({ type: "backend", runId, backend, initMs: performance.now() - started });
    const load = visibleTests[request.exerciseId];
    if (!load) throw new Error(`There is no exercise "${request.exerciseId}".`);
    const suite = (await load()).default;
    const results = await gradeSolution({
      tf: tf as unknown as Tf,
      source: request.source,
      exports: request.exports,
      tests: [suite],
      backend,
      onPlan: (tests) => post({ type: "plan", runId, tests }),
      onTestStart: ({ index, test }) => post({ type: "test-start", runId, index, test }),
      onTestEnd: ({ index, result }) => post({ type: "test-end", runId, index, result }),
    });
    post({ type: "done", runId, results });
  } catch (error) {
    post({ type: "failed", runId, message: error instanceof Error ? error.message : String(error) });
  }
});
