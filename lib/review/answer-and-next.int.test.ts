import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/accounts";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { planAnswer } from "./answer";
import { answerAndShowNext } from "./answer-and-next";
import { ensureCards } from "./cards";
import { loadQueue } from "./queue";
import { readReviewSettings, saveReviewSettings } from "./settings";

let t: TestDatabase;
const now = new Date("2026-11-24T12:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  const deck = await t.db.deck.create({ data: { slug: "d", title: "Deck", tags: [], sourcePath: "content/d.md", contentHash: "x" } });
  for (let n = 1; n <= 5; n++) {
    await t.db.note.create({
      data: { deckId: deck.id, number: n, position: n, question: `Q${n}?`, answerMarkdown: `A${n}`, answerHtml: `<p>A${n}</p>`, sourceLine: n },
    });
  }
});
afterAll(async () => t.drop());

async function learner(email: string) {
  const id = (await createUser(t.db, { email })).id;
  await ensureCards(t.db, id, now);
  return id;
}

describe("an answer and the next card (POST /api/review/answer's call)", () => {
  it("schedules with the settings read with the card, the same as reading them alone: none saved, saved, stored invalid", async () => {
    const none = await learner("none@example.com");
    const saved = await learner("saved@example.com");
    expect((await saveReviewSettings(t.db, saved, { learningSteps: "3m 30m", newPerDay: 4, leechAction: "suspend", timeZone: "Asia/Tokyo" })).ok).toBe(true);
    const invalid = await learner("invalid@example.com");
    await t.db.srsSettings.create({
      data: { userId: invalid, desiredRetention: 0.9, newPerDay: 7, maxReviewsPerDay: 200, learningSteps: "2m", relearningSteps: "10m", maximumInterval: 36500, enableFuzz: true, rolloverHour: 4, timeZone: "Mars/Olympus_Mons" },
    });
    await t.db.srsSettings.update({ where: { userId: saved }, data: { fsrsParameters: [0.3, 1.2, 3.1, 15.7, 7.2, 0.5, 1.5, 0.01, 1.5, 0.14, 0.94, 1.8, 0.1, 0.3, 2.3, 0.2, 2.9, 0.5, 0.7, 0.1, 0.2] } });

    for (const userId of [none, saved, invalid]) {
      const shown = (await loadQueue(t.db, userId, now)).card!;
      const answer = { cardId: shown.id, version: shown.version, rating: 1 as const, durationMs: 0 };
      const { settings } = await planAnswer(t.db, userId, answer, now);
      expect(settings).toEqual((await readReviewSettings(t.db, userId)).settings);
      await answerAndShowNext(t.db, userId, answer, now);
    }
    // The stored steps applied: Again on a new card is due after the first step.
    const again = await t.db.card.findFirstOrThrow({ where: { userId: saved, reps: 1 } });
    expect(again.due).toEqual(new Date(now.getTime() + 3 * 60_000));
    const invalidAgain = await t.db.card.findFirstOrThrow({ where: { userId: invalid, reps: 1 } });
    expect(invalidAgain.due).toEqual(new Date(now.getTime() + 2 * 60_000));
  });

  it("returns the next card planned with the learner's settings, and the counts after the answer", async () => {
    const userId = await learner("next@example.com");
    expect((await saveReviewSettings(t.db, userId, { newPerDay: 2, learnAheadMinutes: 0 })).ok).toBe(true);
    const first = (await loadQueue(t.db, userId, now)).card!;
    const { answered, queue } = await answerAndShowNext(t.db, userId, { cardId: first.id, version: first.version, rating: 3, durationMs: 900 }, now);
    expect(answered).toMatchObject({ cardId: first.id, version: first.version + 1, leech: null });
    expect(queue.card).not.toBeNull();
    expect(queue.card!.id).not.toBe(first.id);
    // One of two new cards introduced; the answered one is learning, due after 10 minutes, not within learn-ahead 0.
    expect(queue.counts).toEqual({ new: 1, learning: 0, review: 0 });
    expect(queue.canUndo).toBe(true);
    expect(queue).toEqual(await loadQueue(t.db, userId, now));

    const second = queue.card!;
    const after = await answerAndShowNext(t.db, userId, { cardId: second.id, version: second.version, rating: 3, durationMs: 900 }, now);
    // The new-card limit is reached and nothing is due: no card, and when the next one is due.
    expect(after.queue).toMatchObject({ card: null, counts: { new: 0, learning: 0, review: 0 } });
    expect(after.queue.nextDueAt).toBe(new Date(now.getTime() + 10 * 60_000).toISOString());
  });

  it("refuses a stale answer with 409 and writes nothing, though the queue was read with the write", async () => {
    const userId = await learner("stale@example.com");
    const shown = (await loadQueue(t.db, userId, now)).card!;
    const answer = { cardId: shown.id, version: shown.version, rating: 3 as const, durationMs: 0 };
    await answerAndShowNext(t.db, userId, answer, now);
    const logs = await t.db.reviewLog.count({ where: { userId } });
    await expect(answerAndShowNext(t.db, userId, answer, now)).rejects.toMatchObject({ status: 409, code: "stale_card" });
    expect(await t.db.reviewLog.count({ where: { userId } })).toBe(logs);
    expect((await t.db.card.findUniqueOrThrow({ where: { id: shown.id } })).version).toBe(shown.version + 1);
  });

  it("reads an empty queue as no card and zero counts", async () => {
    const userId = (await createUser(t.db, { email: "empty@example.com" })).id;
    expect(await loadQueue(t.db, userId, now)).toEqual({ card: null, counts: { new: 0, learning: 0, review: 0 }, nextDueAt: null, canUndo: false, undo: null });
  });
});
