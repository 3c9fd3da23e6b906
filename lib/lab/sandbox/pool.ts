// Grading never blocks the web server: each submission runs in its own isolate on isolated-vm's threads, at most
// one per core at a time, the rest waiting in a bounded FIFO queue. When the queue is full the caller is told to
// come back later (the API answers 503 with Retry-After).
import os from "node:os";

export class GraderBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("The grader is busy with other submissions. Your code was not graded; it will be retried.");
    this.name = "GraderBusyError";
  }
}

export type GraderPool = {
  run<T>(task: () => Promise<T>): Promise<T>;
  stats(): { active: number; queued: number; concurrency: number; queueLimit: number };
};

export function createGraderPool(options: { concurrency: number; queueLimit: number; typicalTaskMs?: number }): GraderPool {
  let active = 0;
  const queue: Array<() => void> = [];
  const next = () => {
    active--;
    queue.shift()?.();
  };
  return {
    run(task) {
      if (active >= options.concurrency && queue.length >= options.queueLimit) {
        // A rough wait: the queue ahead of this request, shared by the workers.
        const seconds = Math.max(1, Math.ceil(((queue.length / options.concurrency) * (options.typicalTaskMs ?? 200)) / 1000));
        return Promise.reject(new GraderBusyError(seconds));
      }
      return new Promise((resolve, reject) => {
        const start = () => {
          active++;
          task().then(resolve, reject).finally(next);
        };
        if (active < options.concurrency) start();
        else queue.push(start);
      });
    },
    stats: () => ({ active, queued: queue.length, concurrency: options.concurrency, queueLimit: options.queueLimit }),
  };
}

const globalForPool = globalThis as unknown as { latentGraderPool?: GraderPool };

/** The process's pool: LATENT_GRADER_WORKERS (default: the number of cores) and LATENT_GRADER_QUEUE (default 32). */
export function graderPool(): GraderPool {
  globalForPool.latentGraderPool ??= createGraderPool({
    concurrency: Number(process.env.LATENT_GRADER_WORKERS) || os.availableParallelism(),
    queueLimit: Number(process.env.LATENT_GRADER_QUEUE) || 32,
  });
  return globalForPool.latentGraderPool;
}
