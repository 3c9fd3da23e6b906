// Rescheduling with new parameters on PostgreSQL with a real worker: memory replayed, reviews moved, the old state kept
// in the history, the optimizer's input untouched, and every answer that could be undone before still undone exactly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "@/lib/db/testing";
import { task, type JobWorker } from "@/lib/jobs/runner";
import { createJobTestDatabase, startTestWorker, waitForJob } from "@/lib/jobs/testing";
import { answerCard, undoLastReview } from "@/lib/review/answer";
import { loadQueue } from "@/lib/review/queue";
import { studyDay, studyDayAfter } from "@/lib/srs/day";
import { memoryAfter, modelWeights } from "@/lib/srs/fsrs-model";
import { reviewInterval } from "@/lib/srs/schedule";
import { CardState } from "@/lib/srs/types";
import { countUsableReviews, readCardHistories, type CardHistory } from "./histories";
import { rescheduleJob } from "./jobs";
import { startReschedule } from "./model";
import { runReschedule, type RescheduleResult } from "./reschedule";
import { SIMULATED_MEMORIES } from "./simulated-learner";
import { createSimulatedLearner, createSyntheticDeck, type SimulatedLearner } from "./testing";

let t: TestDatabase;
let worker: JobWorker;
let learner: SimulatedLearner;

beforeAll(async () => {
  t = await createJobTestDatabase();
  const deckId = await createSyntheticDeck(t.db, 200);
  learner = await createSimulatedLearner(t.db, {
    email: "rescheduled@example.com",
    deckId,
    memory: SIMULATED_MEMORIES[0]!,
    days: 120,
    end: new Date(Date.now() - 2 * 3_600_000),
    seed: 21,
    newPerDay: 6,
  });
  worker = await startTestWorker(t.url, [task(rescheduleJob, runReschedule)]);
}, 60_000);
afterAll(async () => {
  await worker.stop();
  await t.drop();
});

const cardsOf = (userId: string) => t.db.card.findMany({ where: { userId }, orderBy: { id: "asc" } });
const memoryOf = (card: Awaited<ReturnType<typeof cardsOf>>[number]) => {
  const { id, due, stability, difficulty, elapsedDays, scheduledDays, learningSteps, reps, lapses, state, lastReview, leech, suspended, labReason } = card;
  return { id, due, stability, difficulty, elapsedDays, scheduledDays, learningSteps, reps, lapses, state, lastReview, leech, suspended, labReason };
};

describe("rescheduling with the parameters in use", () => {
  it("replays memory, moves reviews, keeps history and the optimizer's input, and leaves answers exactly undoable", async () => {
    const { userId } = learner;
    // Today's answers first: the two answers to the card on screen (Again, then Good on its step) and one to another.
    const queue = await loadQueue(t.db, userId);
    const first = queue.card!;
    const beforeAnswers = memoryOf(await t.db.card.findUniqueOrThrow({ where: { id: first.id } }));
    const again = await answerCard(t.db, userId, { cardId: first.id, version: first.version, rating: 1, durationMs: 4000 });
    const afterAgain = memoryOf(await t.db.card.findUniqueOrThrow({ where: { id: first.id } }));
    await answerCard(t.db, userId, { cardId: first.id, version: again.version, rating: 3, durationMs: 4000 }, new Date(Date.now() + 1000));
    const other = (await loadQueue(t.db, userId, new Date(Date.now() + 2000))).card!;
    expect(other.id).not.toBe(first.id);
    const beforeOther = memoryOf(await t.db.card.findUniqueOrThrow({ where: { id: other.id } }));
    await answerCard(t.db, userId, { cardId: other.id, version: other.version, rating: 3, durationMs: 4000 }, new Date(Date.now() + 3000));

    // New parameters: the learner's true memory (as a successful optimization would approach).
    const parameters = [...SIMULATED_MEMORIES[0]!];
    await t.db.srsSettings.update({ where: { userId }, data: { fsrsParameters: parameters } });
    const inputBefore = await countUsableReviews(t.db, userId);
    const cardsBefore = new Map((await cardsOf(userId)).map((card) => [card.id, card]));

    const { id } = await startReschedule(t.db, userId);
    const job = await waitForJob(t.db, id, 60_000);
    expect(job.status).toBe("SUCCEEDED");
    const result = job.result as RescheduleResult;
    expect(result.moved).toBeGreaterThan(20);
    expect(result.later).toBeGreaterThan(result.earlier); // this learner remembers longer than the defaults assume
    expect(result.skipped).toBe(0);

    // Each studied card's memory is its history replayed with the new parameters; review cards are due their new
    // interval after their last review.
    const histories = new Map<string, CardHistory>();
    for await (const batch of readCardHistories(t.db, userId)) for (const history of batch) histories.set(history.cardId, history);
    const w = modelWeights(parameters);
    const settings = { ...learner.settings, fsrsParameters: parameters };
    let checked = 0;
    for (const card of await cardsOf(userId)) {
      const before = cardsBefore.get(card.id)!;
      if (card.state === CardState.New) {
        expect(card).toEqual(before);
        continue;
      }
      const history = histories.get(card.id)!;
      const replayed = memoryAfter(w, history.ratings.map((rating, i) => ({ rating, deltaT: history.deltaTs[i]! })));
      expect(card.stability).toBeCloseTo(replayed.stability, 9);
      expect(card.difficulty).toBeCloseTo(replayed.difficulty, 9);
      if (card.state === CardState.Review) {
        const interval = reviewInterval(replayed.stability, settings, card.id, card.reps, card.elapsedDays);
        const lastDay = studyDay(card.lastReview!, settings.timeZone, settings.rolloverHour);
        expect(card.due).toEqual(studyDayAfter(lastDay, interval, settings.timeZone, settings.rolloverHour).start);
        expect(card.scheduledDays).toBe(interval);
      } else {
        expect(card.due).toEqual(before.due);
      }
      if (card.stability !== before.stability || card.due.getTime() !== before.due.getTime()) {
        expect(card.version).toBe(before.version + 1);
        // The state before is kept in the history.
        const row = await t.db.reviewLog.findFirstOrThrow({ where: { cardId: card.id, kind: "RESCHEDULE" } });
        expect(row).toMatchObject({ stability: before.stability, difficulty: before.difficulty, prevDue: before.due, cardVersion: card.version, rating: null });
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
    // The optimizer reads exactly what it read before.
    expect(await countUsableReviews(t.db, userId)).toEqual(inputBefore);

    // Undo: the last answer, then the one before it on the same card, then the other card's: each card returns to
    // exactly its state before that answer.
    expect((await loadQueue(t.db, userId, new Date(Date.now() + 4000))).canUndo).toBe(true);
    await undoLastReview(t.db, userId);
    expect(memoryOf(await t.db.card.findUniqueOrThrow({ where: { id: other.id } }))).toEqual(beforeOther);
    await undoLastReview(t.db, userId);
    expect(memoryOf(await t.db.card.findUniqueOrThrow({ where: { id: first.id } }))).toEqual(afterAgain);
    await undoLastReview(t.db, userId);
    expect(memoryOf(await t.db.card.findUniqueOrThrow({ where: { id: first.id } }))).toEqual(beforeAnswers);
  }, 120_000);
});
