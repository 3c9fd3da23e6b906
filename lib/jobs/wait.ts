// Waiting for a job to end, as the web server does while a learner waits for their grade. Workers announce every job
// that ends on JOB_ENDED_CHANNEL (NOTIFY): the ended job itself (its id, status, result and error as JSON) when that
// fits in a notification, else only its id; each web process holds one LISTEN connection per database, shared by all
// its waiters, so a waiter has its job as soon as it ends (re-reading it only when the notification held just the
// id). Waiters also re-read it every `pollMs`, so a notification lost with a broken connection only makes a wait a
// little longer, never endless.
import pg from "pg";
import type { Db } from "@/lib/db";
import { queryPrepared } from "@/lib/db/prepared";

export const JOB_ENDED_CHANNEL = "latent_job_ended";

export type EndedJob = { id: string; status: "SUCCEEDED" | "FAILED"; result: unknown; error: string | null };

/** PostgreSQL refuses a notification's payload from 8000 bytes; a larger ended job is announced by its id alone. */
export const MAX_ENDED_NOTICE_BYTES = 7900;

/** What a worker's notification says: the ended job, or only its id (the job is then read). */
export function parseEndedNotice(payload: string): { id: string; ended: EndedJob | null } {
  if (!payload.startsWith("{")) return { id: payload, ended: null };
  const notice = JSON.parse(payload) as { id: string; status: string; result: unknown; error: string | null };
  const { id, status, result, error } = notice;
  return { id, ended: status === "SUCCEEDED" || status === "FAILED" ? { id, status, result, error } : null };
}

/** A waiter is woken with its ended job when the notification carried it, or with nothing to read it again. */
type Wake = (ended?: EndedJob) => void;

type Listener = { connected: Promise<boolean>; waiters: Map<string, Set<Wake>>; close(): Promise<void> };

// One listening connection per database client in this process: connections are local by nature; what they announce
// is in PostgreSQL. A listener whose connection broke is dropped, and the next wait opens a new one.
const listeners = new WeakMap<Db, Listener>();

function listen(db: Db): Listener {
  const existing = listeners.get(db);
  if (existing) return existing;
  const waiters = new Map<string, Set<Wake>>();
  const client = new pg.Client(db.pool.options);
  let closed = false;
  const drop = () => {
    if (listeners.get(db) === listener) listeners.delete(db);
    // Wake every waiter: each re-reads its job, then waits on the next listener or its poll.
    for (const set of waiters.values()) for (const wake of set) wake();
  };
  client.on("notification", (message) => {
    if (message.channel !== JOB_ENDED_CHANNEL || !message.payload) return;
    let notice: ReturnType<typeof parseEndedNotice>;
    try {
      notice = parseEndedNotice(message.payload);
    } catch {
      return console.error(`[latent] a job-ended notification that is not JSON was ignored: ${message.payload.slice(0, 100)}`);
    }
    for (const wake of waiters.get(notice.id) ?? []) wake(notice.ended ?? undefined);
  });
  client.on("error", (error) => {
    if (!closed) console.error(`[latent] the job listener's connection was lost: ${error.message}`);
    drop();
  });
  client.on("end", drop);
  const listener: Listener = {
    waiters,
    connected: client
      .connect()
      .then(() => client.query(`LISTEN ${JOB_ENDED_CHANNEL}`))
      .then(
        () => true,
        (error: Error) => {
          console.error(`[latent] could not listen for finished jobs (${error.message}); polling instead`);
          drop();
          return false;
        },
      ),
    async close() {
      closed = true;
      drop();
      await client.end().catch(() => undefined);
    },
  };
  listeners.set(db, listener);
  return listener;
}

/** Closes this process's listening connection on `db` (tests, scripts; a web server keeps it for its life). */
export async function stopJobListener(db: Db): Promise<void> {
  await listeners.get(db)?.close();
}

async function readEnded(db: Db, jobId: string): Promise<EndedJob | null> {
  const rows = await queryPrepared<{ status: string; result: unknown; error: string | null }>(
    db,
    "jobs-read-end",
    `SELECT status::text, result, error FROM "Job" WHERE id = $1`,
    [jobId],
  );
  const row = rows[0];
  if (!row) throw new Error(`There is no job ${jobId}`);
  return row.status === "SUCCEEDED" || row.status === "FAILED" ? { id: jobId, status: row.status, result: row.result, error: row.error } : null;
}

/**
 * The job once it has ended (succeeded or failed), or null if it has not ended within `timeoutMs`.
 * `pollMs`: how often the job is read again without a notification (the fallback; notifications come at once).
 */
export async function waitForJobEnd(db: Db, jobId: string, options: { timeoutMs: number; pollMs?: number }): Promise<EndedJob | null> {
  const deadline = Date.now() + options.timeoutMs;
  const listener = listen(db);
  // Listening before the first read: a job that ends between the two is heard, not missed.
  const listening = await listener.connected;
  const pollMs = options.pollMs ?? (listening ? 1_000 : 100);
  // A notification heard while the job is being read is kept, not lost: the wait below then does not start.
  const heard: { any: boolean; ended?: EndedJob; wake?: () => void } = { any: false };
  const waiter: Wake = (ended) => {
    heard.any = true;
    heard.ended ??= ended;
    heard.wake?.();
  };
  const set = listener.waiters.get(jobId) ?? new Set();
  listener.waiters.set(jobId, set.add(waiter));
  try {
    for (;;) {
      heard.any = false;
      const ended = (await readEnded(db, jobId)) ?? heard.ended;
      if (ended) return ended;
      const left = deadline - Date.now();
      if (left <= 0) return null;
      if (!heard.any) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(pollMs, left));
          heard.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        heard.wake = undefined;
      }
      if (heard.ended) return heard.ended;
    }
  } finally {
    set.delete(waiter);
    if (set.size === 0 && listener.waiters.get(jobId) === set) listener.waiters.delete(jobId);
  }
}
