// Adding a job: a row in "Job" (what pages read) and a graphile-worker job carrying its id to a worker, in one
// transaction, so a job is never announced without its row nor stored without a carrier. Plain SQL: the web server
// enqueues without loading graphile-worker.
import crypto from "node:crypto";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { JobKind } from "./define";

type Tx = Prisma.TransactionClient;

export type EnqueueOptions = {
  /** Who asked: only they see the job's progress and outcome. */
  userId?: string | null;
  /** At most one queued or running job per key: enqueueing again returns the active one (`created: false`). */
  key?: string;
  /** Not before then (default: now). */
  runAt?: Date;
  /** Lower numbers run first (default 0). */
  priority?: number;
};

export type Enqueued = { id: string; created: boolean };

/** A graphile-worker job that carries `jobId` to a worker of `kind` (its carrier); returns its id. */
export async function addCarrier(tx: Tx, kind: Pick<JobKind<unknown>, "name" | "queue">, jobId: string, options: { runAt?: Date | null; priority?: number } = {}): Promise<string> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT (graphile_worker.add_job(${kind.name}::text, json_build_object('jobId', ${jobId}::text),
      queue_name => ${kind.queue ?? null}::text, run_at => ${options.runAt?.toISOString() ?? null}::timestamptz,
      max_attempts => 5, priority => ${options.priority ?? 0}::int)).id::text AS id`;
  const carrier = rows[0]!.id;
  await tx.$executeRaw`UPDATE "Job" SET "queueJobId" = ${carrier} WHERE id = ${jobId}`;
  return carrier;
}

/**
 * Enqueues a job of `kind` (its payload validated first), in the caller's transaction or its own. With a `key`
 * that an active job already holds, nothing is added and that job is returned.
 */
export async function enqueueJob<P>(db: Db | Tx, kind: JobKind<P>, payload: P, options: EnqueueOptions = {}): Promise<Enqueued> {
  const parsed = kind.payload.parse(payload);
  const run = async (tx: Tx): Promise<Enqueued> => {
    // Twice at most: an active job that ends between our insert and our read frees its key for a second insert.
    for (let attempt = 0; ; attempt++) {
      const id = crypto.randomUUID();
      const inserted = await tx.$queryRaw<Array<{ id: string }>>`
        INSERT INTO "Job" (id, kind, "userId", "activeKey", payload, "maxAttempts", "createdAt", "updatedAt")
        VALUES (${id}, ${kind.name}, ${options.userId ?? null}, ${options.key ?? null}, ${JSON.stringify(parsed)}::jsonb,
          ${kind.maxAttempts}, ${new Date()}, ${new Date()})
        ON CONFLICT ("activeKey") DO NOTHING
        RETURNING id`;
      if (inserted.length > 0) {
        await addCarrier(tx, kind, id, { runAt: options.runAt, priority: options.priority });
        return { id, created: true };
      }
      const active = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Job" WHERE "activeKey" = ${options.key ?? null}`;
      if (active[0]) return { id: active[0].id, created: false };
      if (attempt > 0) throw new Error(`Could not enqueue ${kind.name}: its key ${options.key} kept changing hands`);
    }
  };
  return "$transaction" in db ? db.$transaction(run) : run(db);
}
