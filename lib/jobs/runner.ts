// The worker side of jobs: graphile-worker fetches them (LISTEN/NOTIFY, so a new job starts within milliseconds),
// this wraps each run with Latent's bookkeeping in "Job". The life of a job:
//
//   QUEUED ──claim──▶ RUNNING ──▶ SUCCEEDED | FAILED
//      ▲                 │
//      └─────────────────┘  a run that threw and may be retried (after a growing delay), a run handed back at
//                           shutdown (not counted as an attempt), or the run of a worker that stopped beating
//
// Every return to QUEUED gives the job a new carrier (a new graphile-worker job); a carrier only claims the job while
// it is still the job's carrier, so a late or repeated carrier never runs a job twice. Workers beat a heartbeat in
// "JobWorker"; any worker hands the running jobs of one silent for `deadAfterMs` to the others (that run counts as
// an attempt: a job that kills its worker is not retried forever). A job that ends is announced on the
// JOB_ENDED_CHANNEL (LISTEN/NOTIFY: the ended job as JSON when it fits, else its id), so a web server waiting on it
// has it at once (wait.ts).
import crypto from "node:crypto";
import os from "node:os";
import type { JobHelpers, Runner, TaskList } from "graphile-worker";
import { createDb, type Db } from "@/lib/db/client";
import { queryPrepared } from "@/lib/db/prepared";
import { PermanentJobError, type JobKind, type JobLane } from "./define";
import { addCarrier } from "./enqueue";
import { installJobQueue, queueLogger } from "./queue-schema";
import { JOB_ENDED_CHANNEL, MAX_ENDED_NOTICE_BYTES } from "./wait";

export type JobContext = {
  jobId: string;
  userId: string | null;
  /** This run's number, from 1. */
  attempt: number;
  db: Db;
  /** Aborted when the worker is stopping and the grace period is over: stop, and the job is handed back. */
  signal: AbortSignal;
  /** Progress for pages to show; written at most every 250 ms, and once more at the end. */
  progress(current: number, total: number, message?: string): void;
  log(line: string): void;
};

export type TaskHandler<P> = (payload: P, context: JobContext) => Promise<unknown>;

/** A kind of job and what runs it, as the worker's task list holds them. */
export type Task = { kind: JobKind<unknown>; run: TaskHandler<unknown> };

export function task<P>(kind: JobKind<P>, run: TaskHandler<P>): Task {
  return { kind: kind as JobKind<unknown>, run: run as TaskHandler<unknown> };
}

export type JobWorkerOptions = {
  databaseUrl: string;
  tasks: readonly Task[];
  /** Interactive jobs run at once (default: one per core). Background jobs run one at a time. */
  concurrency?: number;
  /** How long running jobs get to finish after `stop()` before they are asked to stop and handed back. */
  shutdownGraceMs?: number;
  heartbeatMs?: number;
  /** A worker whose heartbeat is older than this is taken for dead, and its jobs are handed to others. */
  deadAfterMs?: number;
  /** How often to look for jobs when no notification came (they normally come at once). */
  pollIntervalMs?: number;
  log?: (line: string) => void;
};

export type JobWorker = {
  id: string;
  /** Stops taking jobs, lets running ones finish (or hands them back after the grace period), then closes. */
  stop(): Promise<void>;
};

const PROGRESS_WRITE_MS = 250;

/** Growing delay before a failed run is tried again: 2 s, 4 s, 8 s … at most a minute. */
const retryDelayMs = (attempts: number) => Math.min(60_000, 1000 * 2 ** attempts);

export async function startJobWorker(options: JobWorkerOptions): Promise<JobWorker> {
  const log = options.log ?? ((line: string) => console.log(line));
  const concurrency = Math.max(1, options.concurrency ?? os.availableParallelism());
  const graceMs = options.shutdownGraceMs ?? 20_000;
  const heartbeatMs = options.heartbeatMs ?? 5_000;
  const deadAfterMs = options.deadAfterMs ?? 30_000;
  const id = `${os.hostname()}-${process.pid}-${crypto.randomBytes(4).toString("hex")}`;
  const kinds = new Map(options.tasks.map((t) => [t.kind.name, t]));
  if (kinds.size !== options.tasks.length) throw new Error("Two tasks have the same kind name");

  await installJobQueue(options.databaseUrl, log);
  const db = createDb(options.databaseUrl, { max: concurrency + 3 });
  await db.$executeRaw`
    INSERT INTO "JobWorker" (id, host, pid, "startedAt", "heartbeatAt") VALUES (${id}, ${os.hostname()}, ${process.pid}, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')`;

  const running = new Map<string, AbortController>();
  let stopping = false;

  async function claim(jobId: string, carrier: string) {
    const rows = await queryPrepared<{ kind: string; payload: unknown; userId: string | null; attempts: number; maxAttempts: number }>(
      db,
      "jobs-claim",
      `UPDATE "Job" SET status = 'RUNNING', attempts = attempts + 1, "workerId" = $3,
         "startedAt" = now() AT TIME ZONE 'UTC', "updatedAt" = now() AT TIME ZONE 'UTC'
       WHERE id = $1 AND "queueJobId" = $2 AND status IN ('QUEUED', 'RUNNING')
       RETURNING kind, payload, "userId", attempts, "maxAttempts"`,
      [jobId, carrier, id],
    );
    return rows[0];
  }

  async function finish(jobId: string, outcome: { status: "SUCCEEDED"; result: unknown } | { status: "FAILED"; error: string }): Promise<boolean> {
    const rows = await queryPrepared<{ id: string }>(
      db,
      "jobs-finish",
      `WITH done AS (
         UPDATE "Job" SET status = $3::"JobStatus", result = $4::jsonb, error = $5, "activeKey" = NULL,
           "progressCurrent" = CASE WHEN $3 = 'SUCCEEDED' THEN greatest("progressTotal", 1) ELSE "progressCurrent" END,
           "progressTotal" = CASE WHEN $3 = 'SUCCEEDED' THEN greatest("progressTotal", 1) ELSE "progressTotal" END,
           "finishedAt" = now() AT TIME ZONE 'UTC', "updatedAt" = now() AT TIME ZONE 'UTC'
         WHERE id = $1 AND "workerId" = $2 AND status = 'RUNNING'
         RETURNING id, status, result, error),
       notice AS (SELECT id, json_build_object('id', id, 'status', status, 'result', result, 'error', error)::text AS ended FROM done)
       SELECT id, pg_notify('${JOB_ENDED_CHANNEL}', CASE WHEN octet_length(ended) <= ${MAX_ENDED_NOTICE_BYTES} THEN ended ELSE id END)::text AS notified
       FROM notice`,
      [jobId, id, outcome.status, outcome.status === "SUCCEEDED" ? JSON.stringify(outcome.result ?? null) : null, outcome.status === "FAILED" ? outcome.error : null],
    );
    return rows.length > 0;
  }

  /** Back to QUEUED with a new carrier, if `workerId` still runs it; `countRun: false` gives the attempt back. */
  async function requeue(jobId: string, workerId: string, change: { kind: JobKind<unknown>; delayMs: number; countRun: boolean; error?: string; message: string }): Promise<boolean> {
    return db
      .$transaction(async (tx) => {
        const updated = await tx.$executeRaw`
          UPDATE "Job" SET status = 'QUEUED', "workerId" = NULL, attempts = attempts - ${change.countRun ? 0 : 1},
            error = coalesce(${change.error ?? null}, error), "progressMessage" = ${change.message}, "updatedAt" = now() AT TIME ZONE 'UTC'
          WHERE id = ${jobId} AND "workerId" = ${workerId} AND status = 'RUNNING'`;
        if (updated === 0) throw new NotOurs();
        await addCarrier(tx, change.kind, jobId, { runAt: change.delayMs > 0 ? new Date(Date.now() + change.delayMs) : null });
        return true;
      })
      .catch((error: unknown) => {
        if (error instanceof NotOurs) return false;
        throw error;
      });
  }

  function progressWriter(jobId: string) {
    let latest: [number, number, string | null] | null = null;
    let written = 0;
    let inFlight: Promise<void> | null = null;
    let timer: NodeJS.Timeout | null = null;
    const write = () => {
      timer = null;
      if (!latest || inFlight) return;
      const [current, total, message] = latest;
      latest = null;
      written = Date.now();
      inFlight = queryPrepared(
        db,
        "jobs-progress",
        `UPDATE "Job" SET "progressCurrent" = $3, "progressTotal" = $4, "progressMessage" = $5, "updatedAt" = now() AT TIME ZONE 'UTC'
         WHERE id = $1 AND "workerId" = $2 AND status = 'RUNNING'`,
        [jobId, id, current, total, message],
      )
        .then(() => undefined, (error: Error) => log(`[jobs] progress of ${jobId} not saved: ${error.message}`))
        .finally(() => {
          inFlight = null;
          if (latest) timer ??= setTimeout(write, PROGRESS_WRITE_MS);
        });
    };
    return {
      report(current: number, total: number, message?: string) {
        latest = [Math.max(0, Math.round(current)), Math.max(0, Math.round(total)), message ?? null];
        if (!inFlight && !timer) timer = setTimeout(write, Math.max(0, PROGRESS_WRITE_MS - (Date.now() - written)));
      },
      async flush() {
        if (timer) clearTimeout(timer);
        timer = null;
        await inFlight;
        if (latest) write();
        await inFlight;
      },
    };
  }

  async function runJob(taskDef: Task, raw: unknown, helpers: JobHelpers): Promise<void> {
    const jobId = typeof raw === "object" && raw !== null && typeof (raw as { jobId?: unknown }).jobId === "string" ? (raw as { jobId: string }).jobId : null;
    if (!jobId) return log(`[jobs] a ${taskDef.kind.name} carrier without a job id was dropped`);
    const claimed = await claim(jobId, String(helpers.job.id));
    if (!claimed) return; // a stale carrier: the job ended, or another carrier has it now
    const payload = taskDef.kind.payload.safeParse(claimed.payload);
    if (!payload.success) {
      log(`[jobs] ${taskDef.kind.name} ${jobId}: invalid payload (${payload.error.issues[0]?.message})`);
      await finish(jobId, { status: "FAILED", error: "This job's input was not valid, so it was not run." });
      return;
    }
    const controller = new AbortController();
    const abort = () => controller.abort();
    helpers.abortSignal.addEventListener("abort", abort);
    running.set(jobId, controller);
    const progress = progressWriter(jobId);
    const started = Date.now();
    try {
      const result = await taskDef.run(payload.data, {
        jobId,
        userId: claimed.userId,
        attempt: claimed.attempts,
        db,
        signal: controller.signal,
        progress: progress.report,
        log: (line) => log(`[jobs] ${taskDef.kind.name} ${jobId}: ${line}`),
      });
      await progress.flush();
      if (!(await finish(jobId, { status: "SUCCEEDED", result }))) log(`[jobs] ${taskDef.kind.name} ${jobId} finished, but another worker had taken it over`);
      else log(`[jobs] ${taskDef.kind.name} ${jobId} succeeded in ${Date.now() - started} ms`);
    } catch (error) {
      await progress.flush().catch(() => undefined);
      const message = error instanceof Error ? error.message : String(error);
      if (controller.signal.aborted && stopping) {
        const handedBack = await requeue(jobId, id, { kind: taskDef.kind, delayMs: 0, countRun: false, message: "Waiting for a worker (the previous one was stopped)" });
        log(`[jobs] ${taskDef.kind.name} ${jobId} ${handedBack ? "handed back" : "was already taken over"} at shutdown`);
      } else if (error instanceof PermanentJobError || claimed.attempts >= claimed.maxAttempts) {
        log(`[jobs] ${taskDef.kind.name} ${jobId} failed (attempt ${claimed.attempts} of ${claimed.maxAttempts}): ${error instanceof Error ? (error.stack ?? message) : message}`);
        // Only messages written for people reach the page; anything else stays in the worker's log.
        const shown = error instanceof PermanentJobError ? message : `This job failed unexpectedly${claimed.maxAttempts > 1 ? ` (tried ${claimed.attempts} times)` : ""}. Try again later; if it keeps failing, tell the instance's administrator.`;
        await finish(jobId, { status: "FAILED", error: shown });
      } else {
        log(`[jobs] ${taskDef.kind.name} ${jobId} attempt ${claimed.attempts} of ${claimed.maxAttempts} failed, retrying: ${message}`);
        await requeue(jobId, id, { kind: taskDef.kind, delayMs: retryDelayMs(claimed.attempts), countRun: true, error: "A run failed; trying again.", message: "Trying again shortly" });
      }
    } finally {
      helpers.abortSignal.removeEventListener("abort", abort);
      running.delete(jobId);
    }
  }

  /** Hands the running jobs of silent or stopped workers to the queue again (or fails them past their attempts). */
  async function rescueAbandoned(): Promise<void> {
    const abandoned = await queryPrepared<{ id: string; kind: string; workerId: string; attempts: number; maxAttempts: number }>(
      db,
      "jobs-abandoned",
      `SELECT j.id, j.kind, j."workerId", j.attempts, j."maxAttempts" FROM "Job" j LEFT JOIN "JobWorker" w ON w.id = j."workerId"
       WHERE j.status = 'RUNNING' AND j."workerId" <> $1
         AND (w.id IS NULL OR w."stoppedAt" IS NOT NULL OR w."heartbeatAt" < (now() AT TIME ZONE 'UTC') - $2 * interval '1 millisecond')
       LIMIT 100`,
      [id, deadAfterMs],
    );
    for (const job of abandoned) {
      const kind = kinds.get(job.kind)?.kind ?? { name: job.kind, payload: null as never, lane: "interactive" as const, maxAttempts: job.maxAttempts };
      if (job.attempts >= job.maxAttempts) {
        const failed = await db.$queryRaw<unknown[]>`
          WITH done AS (
            UPDATE "Job" SET status = 'FAILED', "activeKey" = NULL, "finishedAt" = now() AT TIME ZONE 'UTC', "updatedAt" = now() AT TIME ZONE 'UTC',
              error = ${`The worker running this job stopped before it finished${job.maxAttempts > 1 ? ` (tried ${job.attempts} times)` : ""}. Try again.`}
            WHERE id = ${job.id} AND "workerId" = ${job.workerId} AND status = 'RUNNING'
            RETURNING id)
          SELECT pg_notify(${JOB_ENDED_CHANNEL}, id)::text FROM done`;
        if (failed.length > 0) log(`[jobs] ${job.kind} ${job.id}: its worker ${job.workerId} stopped; no attempts left, failed`);
      } else if (await requeue(job.id, job.workerId, { kind, delayMs: 0, countRun: true, message: "Waiting for a worker (the previous one stopped)" })) {
        log(`[jobs] ${job.kind} ${job.id}: its worker ${job.workerId} stopped; handed to the queue again`);
      }
    }
  }

  async function beat(): Promise<void> {
    await queryPrepared(db, "jobs-heartbeat", `UPDATE "JobWorker" SET "heartbeatAt" = now() AT TIME ZONE 'UTC' WHERE id = $1`, [id]);
    await rescueAbandoned();
    await queryPrepared(db, "jobs-forget-workers", `DELETE FROM "JobWorker" WHERE "heartbeatAt" < (now() AT TIME ZONE 'UTC') - interval '1 day'`, []);
  }
  let beating: Promise<void> = Promise.resolve();
  const heartbeat = setInterval(() => {
    beating = beat().catch((error: Error) => log(`[jobs] heartbeat failed: ${error.message}`));
  }, heartbeatMs);
  await beat().catch((error: Error) => log(`[jobs] heartbeat failed: ${error.message}`));

  const { run } = await import("graphile-worker");
  const lanes: Array<[JobLane, number]> = [
    ["interactive", concurrency],
    ["background", 1],
  ];
  const runners: Runner[] = [];
  for (const [lane, laneConcurrency] of lanes) {
    const taskList: TaskList = {};
    for (const t of options.tasks) if (t.kind.lane === lane) taskList[t.kind.name] = (raw, helpers) => runJob(t, raw, helpers);
    if (Object.keys(taskList).length === 0) continue;
    runners.push(
      await run({
        connectionString: options.databaseUrl,
        concurrency: laneConcurrency,
        maxPoolSize: laneConcurrency + 2,
        taskList,
        parsedCronItems: [],
        noHandleSignals: true,
        pollInterval: options.pollIntervalMs ?? 2_000,
        gracefulShutdownAbortTimeout: graceMs,
        logger: queueLogger(log),
      }),
    );
  }

  let stopped: Promise<void> | null = null;
  return {
    id,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        clearInterval(heartbeat);
        await beating;
        // graphile-worker waits for running jobs and aborts their signal after the grace period; a job that ignores
        // its signal is handed back by us a little later, so that stopping always ends.
        const drained = Promise.all(runners.map((runner) => runner.stop())).then(() => true);
        const late = new Promise<false>((resolve) => setTimeout(() => resolve(false), graceMs + 5_000).unref());
        if (!(await Promise.race([drained, late]))) {
          for (const [jobId, controller] of running) {
            controller.abort();
            const kind = (await db.job.findUnique({ where: { id: jobId }, select: { kind: true } }))?.kind;
            const t = kind ? kinds.get(kind) : undefined;
            if (t) await requeue(jobId, id, { kind: t.kind, delayMs: 0, countRun: false, message: "Waiting for a worker (the previous one was stopped)" }).catch(() => false);
          }
        }
        await db.$executeRaw`UPDATE "JobWorker" SET "stoppedAt" = now() AT TIME ZONE 'UTC' WHERE id = ${id}`.catch(() => undefined);
        await db.$disconnect();
      })();
      return stopped;
    },
  };
}

class NotOurs extends Error {}
