// A job as the person who asked sees it: its status, progress and outcome. Pages poll this (GET /api/jobs/:id).
import type { Db } from "@/lib/db";

export type JobStatusName = "queued" | "running" | "succeeded" | "failed";

export type JobView = {
  id: string;
  kind: string;
  status: JobStatusName;
  progress: { current: number; total: number; message: string | null };
  result: unknown;
  error: string | null;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

type JobRow = {
  id: string;
  kind: string;
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED";
  progressCurrent: number;
  progressTotal: number;
  progressMessage: string | null;
  result: unknown;
  error: string | null;
  attempts: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

const select = {
  id: true, kind: true, status: true, progressCurrent: true, progressTotal: true, progressMessage: true, result: true, error: true,
  attempts: true, createdAt: true, startedAt: true, finishedAt: true,
} as const;

function view(row: JobRow): JobView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status.toLowerCase() as JobStatusName,
    progress: { current: row.progressCurrent, total: row.progressTotal, message: row.progressMessage },
    result: row.result,
    error: row.error,
    attempts: row.attempts,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** The job if `userId` asked for it; null for a job that does not exist or is someone else's (the same to them). */
export async function readJob(db: Db, userId: string, jobId: string): Promise<JobView | null> {
  const row = await db.job.findFirst({ where: { id: jobId, userId }, select });
  return row ? view(row) : null;
}

/** The most recent job of `kind` that `userId` asked for, if any. */
export async function latestJob(db: Db, userId: string, kind: string, where: { status?: JobRow["status"] } = {}): Promise<JobView | null> {
  const row = await db.job.findFirst({ where: { userId, kind, ...where }, orderBy: { createdAt: "desc" }, select });
  return row ? view(row) : null;
}
