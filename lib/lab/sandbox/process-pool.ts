// The pool of grading processes: an admission queue (admission.ts) in front of grading processes
// (grading-process.ts), one per core by default, each grading one submission at a time in a fresh isolate. A process
// that dies is replaced by the next job that needs one. Job workers own the pool (the lab.grade job); the web server
// never starts one.
import type { Results } from "@/lib/lab/runner/results";
import { GradingProcess } from "./grading-process";
import { createAdmissionQueue, gradingPoolSize } from "./admission";
import type { GradingRequest } from "./process-protocol";
import { gradingProcessScript } from "./process-script";

export type GradingPoolStats = { size: number; busy: number; queued: number; queueLimit: number; processes: number[] };

export type GradingPool = {
  /** Grades a submission; throws GraderBusyError when the queue is full, GraderUnavailableError when it cannot run. */
  grade(job: GradingRequest): Promise<Results>;
  /** Starts every grading process now instead of at the first submissions. */
  warm(): Promise<void>;
  stats(): GradingPoolStats;
  /** Stops the grading processes (tests, scripts). */
  close(): void;
};

export function createGradingPool(options: {
  /** How many grading processes at most, each grading one submission at a time. */
  size: number;
  queueLimit: number;
  /** A grading process's resident-memory limit in MB; default LATENT_GRADER_RSS_MB (see limits.ts). */
  rssLimitMb?: number;
}): GradingPool {
  const queue = createAdmissionQueue({ concurrency: options.size, queueLimit: options.queueLimit, typicalTaskMs: 100 });
  const processes = new Set<GradingProcess>();
  const idle: GradingProcess[] = [];
  let closed = false;

  const start = async (): Promise<GradingProcess> => {
    const script = await gradingProcessScript();
    const started = new GradingProcess(
      script,
      (gone) => {
        processes.delete(gone);
        const at = idle.indexOf(gone);
        if (at >= 0) idle.splice(at, 1);
      },
      options.rssLimitMb,
    );
    processes.add(started);
    return started;
  };

  // The queue admits at most `size` jobs at once, so there is always an idle process or room for a new one.
  // An idle process still over its memory limit (memory a job left behind) is replaced, not handed the next job.
  // The longest idle goes first: it has had the most time to prepare its next isolate (isolate.ts).
  const acquire = async (): Promise<GradingProcess> => {
    for (let candidate = idle.shift(); candidate; candidate = idle.shift()) {
      if (!candidate.alive) continue;
      if (candidate.overMemoryLimit) {
        candidate.kill("over memory while idle");
        continue;
      }
      return candidate;
    }
    return start();
  };

  return {
    grade(job) {
      if (closed) return Promise.reject(new Error("The grader was closed."));
      return queue.run(async () => {
        const gradingProcess = await acquire();
        try {
          return await gradingProcess.grade(job);
        } finally {
          if (gradingProcess.alive && !closed) idle.push(gradingProcess);
        }
      });
    },
    async warm() {
      while (processes.size < options.size) {
        const started = await start();
        await started.ready;
        idle.push(started);
      }
    },
    stats() {
      const { active, queued, queueLimit } = queue.stats();
      return { size: options.size, busy: active, queued, queueLimit, processes: [...processes].map((p) => p.pid ?? -1) };
    },
    close() {
      closed = true;
      for (const gradingProcess of processes) gradingProcess.kill("closed");
    },
  };
}

// One per process: its grading processes are this machine's. Only job workers create it (lib/lab/submissions/grade-job.ts).
const globalForGradingPool = globalThis as unknown as { latentGradingPool?: GradingPool };

/**
 * The job worker's process pool, created at first use: LATENT_GRADER_WORKERS grading processes. Its queue never refuses:
 * the worker's job concurrency bounds what it is given, and the job queue's limit is the one learners meet.
 */
export function serverGradingPool(): GradingPool {
  if (!globalForGradingPool.latentGradingPool) {
    const { concurrency } = gradingPoolSize();
    globalForGradingPool.latentGradingPool = createGradingPool({ size: concurrency, queueLimit: 1024 });
  }
  return globalForGradingPool.latentGradingPool;
}
