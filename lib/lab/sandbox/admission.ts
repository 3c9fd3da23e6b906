// Admission to grading: at most `concurrency` gradings at a time, the rest waiting in a bounded FIFO queue. When the
// queue is full the caller is told to come back later (GraderBusyError, which the API answers 503 with Retry-After).
import os from "node:os";
import { positiveIntegerFromEnv } from "@/lib/env";
import { Refusal } from "@/lib/refusal";

/** Grading cannot take this submission now: a 503 that says when to come back; nothing was stored. */
export class GraderBusyError extends Refusal {
  constructor(retryAfterSeconds: number, message = "The grader is busy with other submissions. Your code was not graded; it will be retried.") {
    super(503, message, "busy", { retryAfterSeconds });
    this.name = "GraderBusyError";
  }
}

/** The grader cannot run at all right now (a grading process failed to start): also a 503, nothing was stored. */
export class GraderUnavailableError extends GraderBusyError {
  constructor(reason: string) {
    super(10, `The grader is not available right now (${reason}). Your code was not graded or stored; try again in a moment.`);
    this.name = "GraderUnavailableError";
  }
}

export type AdmissionQueue = {
  run<T>(task: () => Promise<T>): Promise<T>;
  stats(): { active: number; queued: number; concurrency: number; queueLimit: number; averageTaskMs: number };
};

export function createAdmissionQueue(options: { concurrency: number; queueLimit: number; typicalTaskMs?: number }): AdmissionQueue {
  let active = 0;
  // A moving average of how long a task holds its slot, for Retry-After.
  let averageTaskMs = options.typicalTaskMs ?? 200;
  const queue: Array<() => void> = [];
  const next = () => {
    active--;
    queue.shift()?.();
  };
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      if (active >= options.concurrency && queue.length >= options.queueLimit) {
        // The queue ahead of this request, shared by the workers, plus the ones running now.
        const waitMs = ((queue.length + 1) / options.concurrency) * averageTaskMs;
        return Promise.reject(new GraderBusyError(Math.max(1, Math.ceil(waitMs / 1000))));
      }
      return new Promise<T>((resolve, reject) => {
        const start = () => {
          active++;
          const started = performance.now();
          // The slot is freed before the caller hears back, so a caller that submits again at once finds it free.
          const done = () => {
            averageTaskMs = 0.8 * averageTaskMs + 0.2 * (performance.now() - started);
            next();
          };
          let running: Promise<T>;
          try {
            running = task();
          } catch (error) {
            running = Promise.reject(error);
          }
          running.then(
            (value) => {
              done();
              resolve(value);
            },
            (error: unknown) => {
              done();
              reject(error);
            },
          );
        };
        if (active < options.concurrency) start();
        else queue.push(start);
      });
    },
    stats: () => ({ active, queued: queue.length, concurrency: options.concurrency, queueLimit: options.queueLimit, averageTaskMs }),
  };
}

/** LATENT_GRADER_WORKERS: grading processes per job worker (default: the number of cores). */
export function gradingPoolSize(env: NodeJS.ProcessEnv = process.env): { concurrency: number } {
  return { concurrency: positiveIntegerFromEnv(env.LATENT_GRADER_WORKERS, os.availableParallelism()) };
}
