// For integration tests: a per-file database with the job queue installed, a real worker on it (fast heartbeats and
// short grace periods) in this process or in a child process, and waiting for a job to end.
import { spawn, type ChildProcess } from "node:child_process";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { installJobQueue } from "./queue-schema";
import { startJobWorker, type JobWorker, type JobWorkerOptions, type Task } from "./runner";
import { TEST_WORKER_OPTIONS } from "./test-options";
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
    ...TEST_WORKER_OPTIONS,
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

export type WorkerProcess = { id: string; child: ChildProcess; exited: Promise<void> };

/** A worker in a child process (test-worker-process.ts), to kill without a word as a crash would. */
export async function startWorkerProcess(url: string): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/jobs/test-worker-process.ts"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const id = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /ready (\S+)/.exec(out);
      if (ready) resolve(ready[1]!);
    });
    child.once("exit", (code) => reject(new Error(`The worker process exited (${code}) before it was ready`)));
  });
  return { id, child, exited };
}
