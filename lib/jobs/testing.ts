// For integration tests: a per-file database with the job queue installed, a real worker on it (fast heartbeats and
// short grace periods), and waiting for a job to end.
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { installJobQueue } from "./queue-schema";
import { startJobWorker, type JobWorker, type JobWorkerOptions, type Task } from "./runner";
import type { Db } from "@/lib/db";

export async function createJobTestDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  await installJobQueue(database.url);
  return database;
}

export function startTestWorker(url: string, tasks: readonly Task[], options: Partial<JobWorkerOptions> = {}): Promise<JobWorker> {
  return startJobWorker({
    databaseUrl: url,
    tasks,
    concurrency: 2,
    heartbeatMs: 200,
    deadAfterMs: 1_500,
    pollIntervalMs: 250,
    shutdownGraceMs: 1_000,
    log: () => undefined,
    ...options,
  });
}

/** Waits until the job has ended (succeeded or failed) and returns its row. */
export async function waitForJob(db: Db, jobId: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    if (job.status === "SUCCEEDED" || job.status === "FAILED") return job;
    if (Date.now() > deadline) throw new Error(`Job ${jobId} still ${job.status} after ${timeoutMs} ms (${job.progressMessage ?? "no progress"})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
