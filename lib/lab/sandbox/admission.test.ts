import { describe, expect, it } from "vitest";
import { createAdmissionQueue, GraderBusyError, gradingPoolSize } from "./admission";

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe("admission queue", () => {
  it("runs at most `concurrency` tasks at once, queues the next ones in order, and refuses past the queue", async () => {
    const pool = createAdmissionQueue({ concurrency: 2, queueLimit: 2 });
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const order: number[] = [];
    const runs = gates.map((gate, i) =>
      pool.run(async () => {
        order.push(i);
        await gate.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(pool.stats()).toMatchObject({ active: 2, queued: 2 });
    await expect(pool.run(async () => 99)).rejects.toBeInstanceOf(GraderBusyError);
    gates[0]!.resolve();
    gates[1]!.resolve();
    await runs[0];
    await runs[1];
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual([0, 1, 2, 3]);
    gates[2]!.resolve();
    gates[3]!.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(pool.stats()).toMatchObject({ active: 0, queued: 0 });
  });

  it("frees its slot when a task fails", async () => {
    const pool = createAdmissionQueue({ concurrency: 1, queueLimit: 0 });
    await expect(pool.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await pool.run(async () => 1)).toBe(1);
  });

  it("says how long to wait when busy", async () => {
    const pool = createAdmissionQueue({ concurrency: 1, queueLimit: 0, typicalTaskMs: 200 });
    const gate = deferred();
    const running = pool.run(() => gate.promise);
    const refused = await pool.run(async () => 1).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GraderBusyError);
    expect((refused as GraderBusyError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    gate.resolve();
    await running;
  });
});

describe("admission queue: slots and Retry-After", () => {
  it("frees a slot before the caller hears back, so an immediate resubmission is admitted", async () => {
    const pool = createAdmissionQueue({ concurrency: 1, queueLimit: 0 });
    await pool.run(async () => 1);
    expect(await pool.run(async () => 2)).toBe(2);
  });

  it("bases Retry-After on how long tasks take", async () => {
    const pool = createAdmissionQueue({ concurrency: 1, queueLimit: 1, typicalTaskMs: 4000 });
    const gate = deferred();
    const running = [pool.run(() => gate.promise), pool.run(() => gate.promise)];
    const refused = (await pool.run(async () => 1).catch((e: unknown) => e)) as GraderBusyError;
    expect(refused.retryAfterSeconds).toBe(8);
    gate.resolve();
    await Promise.all(running);
  });

  it("reads its size from the environment, with defaults for missing or bad values", () => {
    expect(gradingPoolSize({ LATENT_GRADER_WORKERS: "3" } as unknown as NodeJS.ProcessEnv)).toEqual({ concurrency: 3 });
    const fallback = gradingPoolSize({ LATENT_GRADER_WORKERS: "-1" } as unknown as NodeJS.ProcessEnv);
    expect(fallback.concurrency).toBeGreaterThanOrEqual(1);
  });
});
