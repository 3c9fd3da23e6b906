// A kind of job: its name (the graphile-worker task identifier), the shape of its payload, the lane it runs in and
// how often it may be tried. Definitions are plain data, safe to import anywhere (the web server enqueues by them);
// what a job does is registered separately, in the worker's task list (tasks.ts), so the web server never loads it.
import type { z } from "zod";

/**
 * Interactive jobs someone is waiting on (seconds at most: grading a submission) run as many at once as the worker's
 * concurrency allows. Background jobs (CPU-heavy: fitting a memory model, simulations) run one at a time per worker
 * process, so they never take every slot from interactive ones.
 */
export type JobLane = "interactive" | "background";

export type JobKind<P> = {
  readonly name: string;
  readonly payload: z.ZodType<P>;
  readonly lane: JobLane;
  /** Runs before the job fails for good: a run that throws is retried, with a growing delay, until then. */
  readonly maxAttempts: number;
  /** Jobs of one graphile-worker queue run one after another across all workers (none: no such constraint). */
  readonly queue?: string;
};

export function defineJobKind<S extends z.ZodType>(kind: {
  name: string;
  payload: S;
  lane?: JobLane;
  maxAttempts?: number;
  queue?: string;
}): JobKind<z.output<S>> {
  if (!/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/.test(kind.name)) throw new Error(`Job kind "${kind.name}" must be dotted lower-case words`);
  return {
    name: kind.name,
    payload: kind.payload as unknown as z.ZodType<z.output<S>>,
    lane: kind.lane ?? "interactive",
    maxAttempts: kind.maxAttempts ?? 1,
    queue: kind.queue,
  };
}

/** Thrown by a job to fail at once, without the retries its kind allows (bad input, a state that will not change). */
export class PermanentJobError extends Error {}
