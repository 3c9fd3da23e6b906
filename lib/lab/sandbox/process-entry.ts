// The main module of a grading process: started by the process pool (grading-process.ts) with a minimal environment,
// it grades one submission at a time, each in a fresh isolate (isolate.ts, prepared while the process is idle), and reports progress so the pool can still
// answer if this process dies mid-run. Built to plain JavaScript by process-script.ts; needs `--no-node-snapshot` (isolated-vm on Node ≥ 20).
import { gradeInIsolate, SandboxSetupError, warmIsolate } from "./isolate";
import type { FromGradingProcess, ToGradingProcess } from "./process-protocol";

const send = (message: FromGradingProcess) => process.send?.(message);
const memoryLimitMb = Number(process.env.LATENT_GRADER_MEMORY_MB) || undefined;

process.on("disconnect", () => process.exit(0));
process.on("message", (message: ToGradingProcess) => {
  if (message?.type !== "grade") return;
  const { jobId, job } = message;
  gradeInIsolate(
    { exerciseId: job.exerciseId, source: job.source, exports: job.exports, memoryLimitMb },
    {
      onPlan: (plan) => send({ type: "plan", jobId, plan }),
      onTestStart: (index) => send({ type: "test-start", jobId, index }),
      onTestEnd: (index, result) => send({ type: "test-end", jobId, index, result }),
    },
  ).then(
    (results) => send({ type: "done", jobId, results }),
    (error: unknown) => {
      if (!(error instanceof SandboxSetupError)) throw error; // a bug: let the process die, the pool replaces it
      send({ type: "failed", jobId, message: error.message });
    },
  );
});

// Ready once tfjs's code cache is filled and the first submission's isolate prepared; if that fails, the first
// submission says why.
warmIsolate(memoryLimitMb).then(
  () => send({ type: "ready" }),
  () => send({ type: "ready" }),
);
