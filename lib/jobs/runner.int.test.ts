// The job infrastructure on a real PostgreSQL with real graphile-worker workers (in this process): enqueueing, progress,
// outcomes, retries, keys, lanes, graceful shutdown with hand-back, and the rescue of a worker that stopped beating.
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createUser } from "@/lib/auth/accounts";
import type { TestDatabase } from "@/lib/db/testing";
import { defineJobKind, PermanentJobError } from "./define";
import { enqueueJob } from "./enqueue";
import { task, type JobWorker, type Task } from "./runner";
import { readJob } from "./status";
import { createJobTestDatabase, startTestWorker, waitForJob } from "./testing";
import { JOB_ENDED_CHANNEL, stopJobListener, waitForJobEnd } from "./wait";

let t: TestDatabase;
let ada: string;
let bob: string;
const workers: JobWorker[] = [];
const start = async (tasks: readonly Task[], options: Parameters<typeof startTestWorker>[2] = {}) => {
  const worker = await startTestWorker(t.url, tasks, options);
  workers.push(worker);
  return worker;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  t = await createJobTestDatabase();
  ada = (await createUser(t.db, { email: "ada@example.com" })).id;
  bob = (await createUser(t.db, { email: "bob@example.com" })).id;
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
});
afterAll(async () => {
  await stopJobListener(t.db);
  await t.drop();
});

const count = z.object({ upTo: z.number().int() });

describe("jobs", () => {
  it("run on a worker, report progress that the asker can read, and store their result", async () => {
    const kind = defineJobKind({ name: "test.count", payload: count });
    const seen: number[] = [];
    await start([
      task(kind, async ({ upTo }, context) => {
        for (let i = 1; i <= upTo; i++) {
          context.progress(i, upTo, `counted ${i}`);
          seen.push(i);
          await sleep(100);
        }
        return { counted: upTo, by: context.userId, attempt: context.attempt };
      }),
    ]);
    const { id, created } = await enqueueJob(t.db, kind, { upTo: 5 }, { userId: ada });
    expect(created).toBe(true);
    // Progress is visible while it runs.
    for (let i = 0; i < 100; i++) {
      const view = await readJob(t.db, ada, id);
      if (view?.status === "running" && view.progress.current > 0) break;
      await sleep(20);
    }
    expect((await readJob(t.db, ada, id))?.progress).toMatchObject({ total: 5 });
    const job = await waitForJob(t.db, id);
    expect(job).toMatchObject({ status: "SUCCEEDED", attempts: 1, result: { counted: 5, by: ada, attempt: 1 }, progressCurrent: 5, progressTotal: 5, activeKey: null });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(await readJob(t.db, ada, id)).toMatchObject({ status: "succeeded", result: { counted: 5 } });
    // Someone else cannot see it.
    expect(await readJob(t.db, bob, id)).toBeNull();
  });

  it("announce an ended job whole when it fits in a notification, by its id when not; a waiter has it either way", async () => {
    const kind = defineJobKind({ name: "test.sized", payload: z.object({ bytes: z.number().int() }) });
    const gates = new Map<number, () => void>();
    await start([task(kind, ({ bytes }) => new Promise((resolve) => gates.set(bytes, () => resolve({ text: "x".repeat(bytes) }))))]);
    const heard: string[] = [];
    const listener = new pg.Client(t.db.pool.options);
    await listener.connect();
    await listener.query(`LISTEN ${JOB_ENDED_CHANNEL}`);
    listener.on("notification", (message) => heard.push(message.payload ?? ""));
    // The waiter's reads of its job: one before it waits, and one more only when the notification held just the id.
    const query = vi.spyOn(t.db.pool, "query");
    const reads = () => query.mock.calls.filter(([config]) => (config as { name?: string }).name === "jobs-read-end").length;
    try {
      for (const bytes of [100, 10_000]) {
        const { id } = await enqueueJob(t.db, kind, { bytes });
        const readsBefore = reads();
        const waiting = waitForJobEnd(t.db, id, { timeoutMs: 20_000, pollMs: 20_000 });
        for (let i = 0; i < 200 && !(gates.has(bytes) && reads() > readsBefore); i++) await sleep(20);
        gates.get(bytes)!();
        expect(await waiting).toEqual({ id, status: "SUCCEEDED", result: { text: "x".repeat(bytes) }, error: null });
        expect(reads() - readsBefore).toBe(bytes === 100 ? 1 : 2);
      }
      const [small, large] = heard.slice(-2);
      expect(JSON.parse(small!)).toMatchObject({ status: "SUCCEEDED", result: { text: "x".repeat(100) }, error: null });
      expect(large).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      query.mockRestore();
      await listener.end();
    }
  });

  it("refuse a payload that does not match their kind before anything is stored", async () => {
    const kind = defineJobKind({ name: "test.strict", payload: count });
    const before = await t.db.job.count();
    await expect(enqueueJob(t.db, kind, { upTo: "five" } as never)).rejects.toThrow();
    expect(await t.db.job.count()).toBe(before);
  });

  it("with a key: one active job per key; enqueueing again returns it, and once it ends the key is free", async () => {
    const kind = defineJobKind({ name: "test.keyed", payload: count });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await start([task(kind, async () => gate.then(() => "done"))]);
    const first = await enqueueJob(t.db, kind, { upTo: 1 }, { userId: ada, key: `keyed:${ada}` });
    const again = await enqueueJob(t.db, kind, { upTo: 2 }, { userId: ada, key: `keyed:${ada}` });
    const other = await enqueueJob(t.db, kind, { upTo: 3 }, { userId: bob, key: `keyed:${bob}` });
    expect(again).toEqual({ id: first.id, created: false });
    expect(other.created).toBe(true);
    release();
    await waitForJob(t.db, first.id);
    await waitForJob(t.db, other.id);
    const later = await enqueueJob(t.db, kind, { upTo: 4 }, { userId: ada, key: `keyed:${ada}` });
    expect(later.created).toBe(true);
    expect(later.id).not.toBe(first.id);
    await waitForJob(t.db, later.id);
    expect(await t.db.job.count({ where: { kind: kind.name } })).toBe(3);
  });

  it("retry a run that throws, then fail with a message for people; a permanent error fails at once", async () => {
    const flaky = defineJobKind({ name: "test.flaky", payload: count, maxAttempts: 2 });
    const broken = defineJobKind({ name: "test.broken", payload: count, maxAttempts: 3 });
    const refused = defineJobKind({ name: "test.refused", payload: count, maxAttempts: 3 });
    const runs = { flaky: 0, broken: 0, refused: 0 };
    await start([
      task(flaky, async () => {
        if (++runs.flaky === 1) throw new Error("connection reset");
        return "second time lucky";
      }),
      task(broken, async () => {
        runs.broken++;
        throw new Error("relation secret_table does not exist");
      }),
      task(refused, async () => {
        runs.refused++;
        throw new PermanentJobError("You have no cards to reschedule.");
      }),
    ]);
    const [a, b, c] = await Promise.all([flaky, broken, refused].map((kind) => enqueueJob(t.db, kind, { upTo: 1 }, { userId: ada })));
    expect(await waitForJob(t.db, a!.id)).toMatchObject({ status: "SUCCEEDED", attempts: 2, result: "second time lucky" });
    const failed = await waitForJob(t.db, b!.id, 60_000);
    expect(failed).toMatchObject({ status: "FAILED", attempts: 3 });
    expect(failed.error).toMatch(/failed unexpectedly \(tried 3 times\)/);
    expect(failed.error).not.toContain("secret_table");
    expect(await waitForJob(t.db, c!.id)).toMatchObject({ status: "FAILED", attempts: 1, error: "You have no cards to reschedule." });
    expect(runs).toEqual({ flaky: 2, broken: 3, refused: 1 });
  }, 60_000);

  it("run background jobs one at a time per worker, and interactive jobs beside them", async () => {
    const heavy = defineJobKind({ name: "test.heavy", payload: count, lane: "background" });
    const quick = defineJobKind({ name: "test.quick", payload: count });
    let heavyAtOnce = 0;
    let maxHeavyAtOnce = 0;
    let quickDoneWhileHeavyRan = false;
    let heavyStarted!: () => void;
    const firstHeavy = new Promise<void>((resolve) => (heavyStarted = resolve));
    let quickRan!: () => void;
    const quickDone = new Promise<void>((resolve) => (quickRan = resolve));
    await start([
      task(heavy, async () => {
        maxHeavyAtOnce = Math.max(maxHeavyAtOnce, ++heavyAtOnce);
        heavyStarted();
        // A heavy job holds its lane until the quick job has run (or 10 s pass, when the lanes are wrong).
        await Promise.race([quickDone, sleep(10_000)]);
        await sleep(100);
        heavyAtOnce--;
      }),
      task(quick, async () => {
        quickDoneWhileHeavyRan = heavyAtOnce > 0;
        quickRan();
      }),
    ]);
    const heavies = await Promise.all([1, 2, 3].map((upTo) => enqueueJob(t.db, heavy, { upTo })));
    await firstHeavy;
    const quickJob = await enqueueJob(t.db, quick, { upTo: 1 });
    await waitForJob(t.db, quickJob.id);
    for (const job of heavies) await waitForJob(t.db, job.id);
    expect(maxHeavyAtOnce).toBe(1);
    expect(quickDoneWhileHeavyRan).toBe(true);
  }, 30_000);

  it("stopping a worker lets a running job finish", async () => {
    const kind = defineJobKind({ name: "test.finishes", payload: count });
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const worker = await start([
      task(kind, async () => {
        started();
        await sleep(500);
        return "finished";
      }),
    ]);
    const { id } = await enqueueJob(t.db, kind, { upTo: 1 });
    await running;
    await worker.stop();
    expect(await t.db.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "SUCCEEDED", result: "finished", attempts: 1 });
  });

  it("stopping a worker hands back a job that outlives the grace period; another worker runs it, no attempt lost", async () => {
    const kind = defineJobKind({ name: "test.long", payload: count });
    const runs: string[] = [];
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const first = await start(
      [
        task(kind, async (_payload, context) => {
          runs.push("first");
          started();
          // Works until asked to stop.
          await new Promise((_resolve, reject) => context.signal.addEventListener("abort", () => reject(new Error("aborted"))));
        }),
      ],
      { shutdownGraceMs: 300 },
    );
    const { id } = await enqueueJob(t.db, kind, { upTo: 1 }, { userId: ada });
    await running;
    await first.stop();
    const handedBack = await t.db.job.findUniqueOrThrow({ where: { id } });
    expect(handedBack).toMatchObject({ status: "QUEUED", attempts: 0, workerId: null });
    expect(await readJob(t.db, ada, id)).toMatchObject({ status: "queued", progress: { message: "Waiting for a worker (the previous one was stopped)" } });
    await start([
      task(kind, async () => {
        runs.push("second");
        return "done by the second";
      }),
    ]);
    expect(await waitForJob(t.db, id)).toMatchObject({ status: "SUCCEEDED", attempts: 1, result: "done by the second" });
    expect(runs).toEqual(["first", "second"]);
  });

  it("hand the jobs of a worker that stopped beating to another worker, and fail them when no attempt is left", async () => {
    const kind = defineJobKind({ name: "test.orphan", payload: count, maxAttempts: 2 });
    // A worker that died (SIGKILL) mid-job: its heartbeat stopped, its jobs stay RUNNING with stale carriers.
    await t.db.$executeRaw`INSERT INTO "JobWorker" (id, host, pid, "heartbeatAt") VALUES ('dead-worker', 'elsewhere', 1, now() AT TIME ZONE 'UTC' - interval '1 hour')`;
    const orphan = await enqueueJob(t.db, kind, { upTo: 7 }, { userId: ada });
    const exhausted = await enqueueJob(t.db, kind, { upTo: 8 }, { userId: ada });
    await t.db.job.update({ where: { id: orphan.id }, data: { status: "RUNNING", workerId: "dead-worker", attempts: 1 } });
    await t.db.job.update({ where: { id: exhausted.id }, data: { status: "RUNNING", workerId: "dead-worker", attempts: 2 } });
    const ran: number[] = [];
    await start([
      task(kind, async ({ upTo }) => {
        ran.push(upTo);
        return upTo;
      }),
    ]);
    expect(await waitForJob(t.db, orphan.id)).toMatchObject({ status: "SUCCEEDED", attempts: 2, result: 7 });
    const failed = await waitForJob(t.db, exhausted.id);
    expect(failed).toMatchObject({ status: "FAILED", attempts: 2 });
    expect(failed.error).toMatch(/worker running this job stopped before it finished \(tried 2 times\)/);
    // The dead worker's own carriers were left locked; they can never run these jobs again.
    expect(ran).toEqual([7]);
  });

  it("never run a job twice for a stale or repeated carrier", async () => {
    const kind = defineJobKind({ name: "test.once", payload: count });
    let runs = 0;
    await start([
      task(kind, async () => {
        runs++;
        return runs;
      }),
    ]);
    const { id } = await enqueueJob(t.db, kind, { upTo: 1 });
    await waitForJob(t.db, id);
    // A second carrier for the finished job (as a crashed worker's carrier would be, retried after its lock expired).
    await t.db.$queryRaw`SELECT graphile_worker.add_job('test.once', json_build_object('jobId', ${id}::text))`;
    await sleep(1_000);
    expect(runs).toBe(1);
    expect(await t.db.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "SUCCEEDED", attempts: 1 });
  });
});
