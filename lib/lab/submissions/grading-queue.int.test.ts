// Grading on the job queue when things go wrong, with real workers (in this process, and in child processes killed
// with SIGKILL as a crash would), the real grader and PostgreSQL: one submission in flight per learner across web
// servers, the queue's limit, a worker dying mid-grade once or twice, a graceful stop, and a finish that was lost.
import crypto from "node:crypto";
import fs from "node:fs";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/accounts";
import { createDb } from "@/lib/db/client";
import type { TestDatabase } from "@/lib/db/testing";
import { task, type JobWorker, type Task } from "@/lib/jobs/runner";
import { TASKS } from "@/lib/jobs/tasks";
import { startTestWorker, startWorkerProcess, waitForJob, type WorkerProcess } from "@/lib/jobs/testing";
import { waitForJobEnd } from "@/lib/jobs/wait";
import { ensureCards } from "@/lib/review/cards";
import { SubmissionError, SubmissionInFlightError } from "./errors";
import { gradeSubmission } from "./grade-job";
import { gradeJob } from "./job";
import { enqueueSubmission, gradedSubmission } from "./submit";
import { createGradingTestDatabase, dropGradingTestDatabase } from "./testing";
import type { SubmittedSolution } from "./types";

let t: TestDatabase;
const workers: JobWorker[] = [];
const processes: WorkerProcess[] = [];
const reference = fs.readFileSync("lab/kl-divergence/solution.ts", "utf8");
const reversed = fs.readFileSync("lab/kl-divergence/wrong/reversed.ts", "utf8");
// Grading it takes a few seconds (its first test runs to its time limit): long enough to kill a worker mid-grade.
const slow = "export function klDivergence() { while (true) {} }";
const kl = (code: string) => ({ exerciseId: "kl-divergence", code });

const start = async (tasks: readonly Task[] = TASKS, options: Parameters<typeof startTestWorker>[2] = {}) => {
  const worker = await startTestWorker(t.url, tasks, options);
  workers.push(worker);
  return worker;
};
const startProcess = async () => {
  const worker = await startWorkerProcess(t.url);
  processes.push(worker);
  return worker;
};
const learner = async (email: string) => {
  const id = (await createUser(t.db, { email })).id;
  await ensureCards(t.db, id);
  return id;
};
/** Waits until the job runs on one of `workerIds` (its `attempt`-th run) and returns that worker's id. */
async function runningOn(jobId: string, workerIds: string[], attempt: number): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const job = await t.db.job.findUniqueOrThrow({ where: { id: jobId } });
    if (job.status === "RUNNING" && job.attempts === attempt && job.workerId && workerIds.includes(job.workerId)) return job.workerId;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${jobId} did not start its run ${attempt} on ${workerIds.join(", ")}`);
}
/** Counts the statements this process sends to PostgreSQL (any connection, the ORM's included) while `run` runs. */
async function statementsSent<T>(run: () => Promise<T>): Promise<{ value: T; statements: number }> {
  const query = pg.Client.prototype.query;
  let statements = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    statements++;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  try {
    return { value: await run(), statements };
  } finally {
    pg.Client.prototype.query = query;
  }
}
const kill = async (worker: WorkerProcess) => {
  worker.child.kill("SIGKILL");
  await worker.exited;
};

beforeAll(async () => {
  t = await createGradingTestDatabase();
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  await Promise.all(processes.splice(0).map((worker) => kill(worker)));
});
afterAll(() => dropGradingTestDatabase(t));

describe("grading on the job queue", () => {
  it("admits one submission per learner even from two web servers at once (the database decides)", async () => {
    const other = createDb(t.url, { max: 2 }); // a second web server's connections
    try {
      const learners = await Promise.all(["ann@example.com", "ben@example.com", "cat@example.com"].map(learner));
      const attempts = await Promise.allSettled(
        learners.flatMap((id) => [enqueueSubmission(t.db, id, kl(reference)), enqueueSubmission(other, id, kl(reference))]),
      );
      for (const [i, id] of learners.entries()) {
        const pair = attempts.slice(2 * i, 2 * i + 2);
        expect(pair.filter((a) => a.status === "fulfilled"), id).toHaveLength(1);
        const refused = pair.find((a) => a.status === "rejected") as PromiseRejectedResult;
        expect(refused.reason).toBeInstanceOf(SubmissionInFlightError);
        expect(await t.db.job.count({ where: { userId: id } })).toBe(1);
      }
      await start();
      for (const attempt of attempts) if (attempt.status === "fulfilled") expect((await waitForJob(t.db, attempt.value)).status).toBe("SUCCEEDED");
      for (const id of learners) expect(await t.db.submission.count({ where: { userId: id } })).toBe(1);
    } finally {
      await other.$disconnect();
    }
  });

  it("enqueues in one statement, the job's row with its carrier; the same requestId again gets that job back, even with the queue full", async () => {
    const [kay, lee] = await Promise.all(["kay@example.com", "lee@example.com"].map(learner));
    const requestId = crypto.randomUUID();
    const { value: jobId, statements } = await statementsSent(() => enqueueSubmission(t.db, kay!, { ...kl(reference), requestId }));
    expect(statements).toBe(1);
    const job = await t.db.job.findUniqueOrThrow({ where: { id: jobId } });
    expect(job).toMatchObject({ kind: "lab.grade", status: "QUEUED", userId: kay, activeKey: `lab.grade:${kay}`, maxAttempts: 2, payload: { exerciseId: "kl-divergence", code: reference, requestId } });
    const carriers = await t.db.$queryRaw<Array<{ task_identifier: string; payload: unknown }>>`
      SELECT t.identifier AS task_identifier, j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE j.id::text = ${job.queueJobId}`;
    expect(carriers).toEqual([{ task_identifier: "lab.grade", payload: { jobId } }]);
    // Sent again (the client did not hear the answer): the same job, nothing added, whatever the queue's state.
    expect(await enqueueSubmission(t.db, kay!, { ...kl(reference), requestId }, { queueLimit: 1 })).toBe(jobId);
    expect(await t.db.job.count({ where: { userId: kay } })).toBe(1);
    // Another learner's request with the same id is their own; with the queue full it is refused, and nothing stored.
    const refused = await enqueueSubmission(t.db, lee!, { ...kl(reference), requestId }, { queueLimit: 1 }).then(() => null, (e: unknown) => e);
    expect(refused).toMatchObject({ name: "GraderBusyError" });
    expect(await t.db.job.count({ where: { userId: lee } })).toBe(0);
    const lees = await enqueueSubmission(t.db, lee!, { ...kl(reference), requestId });
    expect(lees).not.toBe(jobId);
    await start();
    for (const id of [jobId, lees]) expect((await waitForJob(t.db, id)).status).toBe("SUCCEEDED");
    // Ended, the same request still gets its job (and so its stored submission) back, not a second grade.
    expect(await enqueueSubmission(t.db, kay!, { ...kl(reference), requestId })).toBe(jobId);
    expect(await t.db.submission.count({ where: { userId: kay } })).toBe(1);
  });

  it("refuses past the queue's limit (503 with Retry-After), enqueueing and storing nothing", async () => {
    const [dan, eve, fay] = await Promise.all(["dan@example.com", "eve@example.com", "fay@example.com"].map(learner));
    // No worker yet: both jobs wait in the queue.
    const queued = [await enqueueSubmission(t.db, dan!, kl(reference), { queueLimit: 2 }), await enqueueSubmission(t.db, eve!, kl(reference), { queueLimit: 2 })];
    const refused = await enqueueSubmission(t.db, fay!, kl(reference), { queueLimit: 2 }).then(() => null, (e: unknown) => e);
    expect(refused).toMatchObject({ name: "GraderBusyError", retryAfterSeconds: expect.any(Number) });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(await t.db.job.count({ where: { userId: fay } })).toBe(0);
    await start();
    for (const id of queued) await waitForJob(t.db, id);
    // Once the queue has room again, the same learner is admitted.
    const admitted = await enqueueSubmission(t.db, fay!, kl(reference), { queueLimit: 2 });
    expect((await waitForJob(t.db, admitted)).status).toBe("SUCCEEDED");
    expect(await t.db.submission.count({ where: { userId: fay } })).toBe(1);
  });

  it("a worker killed mid-grade: the job is graded again on another worker and stored once", async () => {
    const gus = await learner("gus@example.com");
    const doomed = await startProcess();
    const jobId = await enqueueSubmission(t.db, gus, kl(slow));
    await runningOn(jobId, [doomed.id], 1);
    await kill(doomed);
    await start();
    const job = await waitForJob(t.db, jobId, 60_000);
    expect(job).toMatchObject({ status: "SUCCEEDED", attempts: 2 });
    const stored = await t.db.submission.findMany({ where: { userId: gus } });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ jobId, status: "fail" });
    expect((job.result as SubmittedSolution).id).toBe(stored[0]!.id);
  }, 90_000);

  it("killed twice: the job fails with a message that says nothing was stored, and nothing is", async () => {
    const hal = await learner("hal@example.com");
    const [first, second] = await Promise.all([startProcess(), startProcess()]);
    const jobId = await enqueueSubmission(t.db, hal, kl(slow));
    const ranOn = await runningOn(jobId, [first!.id, second!.id], 1);
    const [killedFirst, survivor] = ranOn === first!.id ? [first!, second!] : [second!, first!];
    await kill(killedFirst);
    // The survivor sees its peer's heartbeat stop, takes the job over, and dies too.
    await runningOn(jobId, [survivor.id], 2);
    await kill(survivor);
    await start();
    const ended = await waitForJobEnd(t.db, jobId, { timeoutMs: 30_000 });
    expect(ended).toMatchObject({ status: "FAILED", error: expect.stringMatching(/stopped before it finished \(tried 2 times\)/) });
    expect(await t.db.job.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ attempts: 2, activeKey: null });
    const answer = (() => {
      try {
        return gradedSubmission(ended!);
      } catch (error) {
        return error;
      }
    })();
    expect(answer).toBeInstanceOf(SubmissionError);
    expect(answer).toMatchObject({ status: 503, code: "not_stored", message: expect.stringMatching(/^Your submission could not be graded, and nothing was stored\. The worker/) });
    expect(await t.db.submission.count({ where: { userId: hal } })).toBe(0);
    expect(await t.db.reviewLog.count({ where: { userId: hal } })).toBe(0);
    // The learner may submit again at once.
    const again = await enqueueSubmission(t.db, hal, kl(reference));
    expect((await waitForJob(t.db, again)).status).toBe("SUCCEEDED");
  }, 120_000);

  it("a graceful stop hands a grade in progress back; the next worker grades and stores it once", async () => {
    const ivy = await learner("ivy@example.com");
    const stopping = await start(TASKS, { shutdownGraceMs: 300 });
    const jobId = await enqueueSubmission(t.db, ivy, kl(slow));
    await runningOn(jobId, [stopping.id], 1);
    await stopping.stop();
    expect(await t.db.job.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ status: "QUEUED", attempts: 0, workerId: null });
    expect(await t.db.submission.count({ where: { userId: ivy } })).toBe(0);
    await start();
    expect(await waitForJob(t.db, jobId, 60_000)).toMatchObject({ status: "SUCCEEDED", attempts: 1 });
    expect(await t.db.submission.count({ where: { userId: ivy, jobId } })).toBe(1);
  }, 90_000);

  it("a run whose finish was lost after the submission was stored: run again, it answers with the stored one", async () => {
    const jan = await learner("jan@example.com");
    // The real task, then a failure between the commit and the job's finish (a lost connection, a crash).
    await start([
      task(gradeJob, async (payload, context) => {
        const stored = await gradeSubmission(payload, context);
        if (context.attempt === 1) throw new Error("connection lost after the commit");
        return stored;
      }),
    ]);
    const jobId = await enqueueSubmission(t.db, jan, kl(reversed));
    const job = await waitForJob(t.db, jobId, 30_000);
    expect(job).toMatchObject({ status: "SUCCEEDED", attempts: 2 });
    const stored = await t.db.submission.findMany({ where: { userId: jan } });
    expect(stored).toHaveLength(1);
    expect(job.result).toMatchObject({ id: stored[0]!.id, rescheduledCards: 2 });
    // The reschedule happened once too.
    expect(await t.db.reviewLog.count({ where: { userId: jan, kind: "LAB" } })).toBe(2);
  }, 60_000);
});
