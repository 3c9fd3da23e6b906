// The optimizer end to end on PostgreSQL with a real worker: simulated learners whose memory follows FSRS with
// parameters unlike the defaults get parameters that predict their held-out reviews better than the defaults do.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "@/lib/db/testing";
import { task, type JobWorker } from "@/lib/jobs/runner";
import { createJobTestDatabase, startTestWorker, waitForJob } from "@/lib/jobs/testing";
import { readReviewSettings } from "@/lib/review/settings";
import { DEFAULT_PARAMETERS, parseParameters } from "@/lib/srs/parameters";
import { countUsableReviews } from "./histories";
import { optimizeJob } from "./jobs";
import { loadMemoryModel, revertOptimization, startOptimization } from "./model";
import { runOptimization, type OptimizeResult } from "./optimize";
import { SIMULATED_MEMORIES } from "./simulated-learner";
import { createSimulatedLearner, createSyntheticDeck } from "./testing";

let t: TestDatabase;
let worker: JobWorker;
let deckId: string;
// A fixed end keeps every simulated history, and so every fit, the same from run to run.
const END = new Date("2026-06-01T12:00:00Z");

beforeAll(async () => {
  t = await createJobTestDatabase();
  deckId = await createSyntheticDeck(t.db, 300);
  worker = await startTestWorker(t.url, [task(optimizeJob, runOptimization)]);
}, 60_000);
afterAll(async () => {
  await worker.stop();
  await t.drop();
});

async function optimize(userId: string) {
  const { id } = await startOptimization(t.db, userId);
  const job = await waitForJob(t.db, id, 120_000);
  expect(job.status).toBe("SUCCEEDED");
  return job.result as OptimizeResult;
}

describe("optimizing a learner's memory model", () => {
  it.each(SIMULATED_MEMORIES.map((memory, i) => [i + 1, memory] as const))(
    "simulated learner %i: the fitted parameters predict held-out reviews better than FSRS's defaults, and are applied",
    async (i, memory) => {
      const learner = await createSimulatedLearner(t.db, { email: `learner-${i}@example.com`, deckId, memory, days: 240, end: END, seed: 100 + i, newPerDay: 10 });
      const usable = await countUsableReviews(t.db, learner.userId);
      expect(usable.items).toBeGreaterThanOrEqual(400);

      const result = await optimize(learner.userId);
      if (result.outcome === "too-few") throw new Error("too few reviews");
      expect(result.outcome).toBe("applied");
      expect(result.items).toBe(usable.items);
      expect(result.reviews).toBe(usable.reviews);
      expect(result.heldOut).toBeGreaterThan(usable.items * 0.8);
      // The comparison: the same held-out reviews, FSRS's defaults against parameters fitted on earlier reviews only.
      expect(result.fitted.logLoss).toBeLessThan(result.current.logLoss);

      const { settings } = await readReviewSettings(t.db, learner.userId);
      expect(settings.fsrsParameters).toHaveLength(21);
      expect(parseParameters(settings.fsrsParameters).ok).toBe(true);
      expect(settings.fsrsParameters).not.toEqual([...DEFAULT_PARAMETERS]);
      const model = await loadMemoryModel(t.db, learner.userId);
      expect(model.history).toHaveLength(1);
      expect(model.history[0]).toMatchObject({ kind: "OPTIMIZED", applied: true, revertible: true, items: usable.items, reviews: usable.reviews });
      expect(model.history[0]!.fitted!.logLoss).toBeCloseTo(result.fitted.logLoss, 10);
    },
    120_000,
  );

  it("refuses a learner with too few reviews with a clear message, and changes nothing", async () => {
    const learner = await createSimulatedLearner(t.db, { email: "newcomer@example.com", deckId, memory: SIMULATED_MEMORIES[0]!, days: 10, end: END, seed: 7, newPerDay: 5 });
    const { items } = await countUsableReviews(t.db, learner.userId);
    expect(items).toBeLessThan(400);
    const jobsBefore = await t.db.job.count();
    await expect(startOptimization(t.db, learner.userId)).rejects.toMatchObject({
      status: 409,
      code: "too_few_reviews",
      message: expect.stringContaining(`needs at least 400 reviews FSRS can learn from`) as unknown as string,
    });
    expect(await t.db.job.count()).toBe(jobsBefore);
    expect(await t.db.memoryModelEvent.count({ where: { userId: learner.userId } })).toBe(0);
    expect((await readReviewSettings(t.db, learner.userId)).settings.fsrsParameters).toEqual([]);
  });

  it("a job that finds too few reviews (they were counted elsewhere a moment ago) changes nothing either", async () => {
    const learner = await createSimulatedLearner(t.db, { email: "raced@example.com", deckId, memory: SIMULATED_MEMORIES[1]!, days: 10, end: END, seed: 8, newPerDay: 5 });
    const { enqueueJob } = await import("@/lib/jobs/enqueue");
    const { id } = await enqueueJob(t.db, optimizeJob, { userId: learner.userId }, { userId: learner.userId });
    const job = await waitForJob(t.db, id);
    expect(job).toMatchObject({ status: "SUCCEEDED", result: { outcome: "too-few", minimum: 400 } });
    expect(await t.db.memoryModelEvent.count({ where: { userId: learner.userId } })).toBe(0);
    expect((await readReviewSettings(t.db, learner.userId)).settings.fsrsParameters).toEqual([]);
  });

  it("keeps the parameters in use when the fit does not predict better, says so, and can revert an applied fit", async () => {
    const learner = await createSimulatedLearner(t.db, { email: "twice@example.com", deckId, memory: SIMULATED_MEMORIES[2]!, days: 240, end: END, seed: 300, newPerDay: 10 });
    const first = await optimize(learner.userId);
    expect(first.outcome).toBe("applied");
    const fitted = (await readReviewSettings(t.db, learner.userId)).settings.fsrsParameters;

    // A second run on the same reviews, compared with parameters already fitted to all of them: the fit on earlier
    // reviews only cannot beat them on the later ones by much, if at all; whichever way, the outcome says so.
    const second = await optimize(learner.userId);
    if (second.outcome === "too-few") throw new Error("too few reviews");
    const after = (await readReviewSettings(t.db, learner.userId)).settings.fsrsParameters;
    if (second.outcome === "kept") expect(after).toEqual(fitted);
    else expect(second.fitted.logLoss).toBeLessThan(second.current.logLoss);

    // Revert the newest applied optimization: back to the parameters before it, recorded in the history.
    const model = await loadMemoryModel(t.db, learner.userId);
    const revertible = model.history.find((event) => event.revertible)!;
    const reverted = await revertOptimization(t.db, learner.userId, revertible.id);
    const back = (await readReviewSettings(t.db, learner.userId)).settings.fsrsParameters;
    expect(back).toEqual(second.outcome === "applied" ? fitted : []);
    expect(reverted.parameters).toEqual(back);
    const history = (await loadMemoryModel(t.db, learner.userId)).history;
    expect(history[0]).toMatchObject({ kind: "REVERTED", applied: true });
    // Reverting the same optimization again is refused, and changes nothing.
    await expect(revertOptimization(t.db, learner.userId, revertible.id)).rejects.toMatchObject({ status: 409, code: "not_in_use" });
    expect((await readReviewSettings(t.db, learner.userId)).settings.fsrsParameters).toEqual(back);
  }, 240_000);

  it("no one reverts someone else's optimization", async () => {
    const [event] = await t.db.memoryModelEvent.findMany({ where: { kind: "OPTIMIZED", applied: true }, take: 1 });
    const intruder = await createSimulatedLearner(t.db, { email: "intruder@example.com", deckId, memory: SIMULATED_MEMORIES[0]!, days: 2, end: END, seed: 9 });
    await expect(revertOptimization(t.db, intruder.userId, event!.id)).rejects.toMatchObject({ status: 404, code: "event_not_found" });
  });
});
