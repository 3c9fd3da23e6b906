import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/accounts";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { answerSchema } from "@/lib/validations/review";
import { answerCard, resetCard, setSuspended, undoLastReview } from "./answer";
import { ensureCards } from "./cards";
import { ReviewError } from "./errors";
import { loadQueue } from "./queue";
import { readReviewSettings, saveReviewSettings } from "./settings";

let t: TestDatabase;
let ada: string;
let bob: string;
const now = new Date("2026-11-24T12:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  const deck = await t.db.deck.create({ data: { slug: "d", title: "Deck", tags: [], sourcePath: "content/d.md", contentHash: "x" } });
  for (let n = 1; n <= 30; n++) {
    await t.db.note.create({
      data: { deckId: deck.id, number: n, position: n, question: `Q${n}?`, answerMarkdown: `A${n}`, answerHtml: `<p>A${n}</p>`, sourceLine: n },
    });
  }
  ada = (await createUser(t.db, { email: "ada@example.com" })).id;
  bob = (await createUser(t.db, { email: "bob@example.com" })).id;
  await ensureCards(t.db, ada, now);
  await ensureCards(t.db, bob, now);
});
afterAll(async () => t.drop());

async function expectRefusal(promise: Promise<unknown>, status: number, code: string) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ReviewError);
  expect(error).toMatchObject({ status, code });
}

describe("reviews on PostgreSQL", () => {
  it("creates one card per note for each learner, once", async () => {
    expect(await t.db.card.count({ where: { userId: ada } })).toBe(30);
    expect(await ensureCards(t.db, ada, now)).toBe(0);
  });

  it("writes the card and its log together, and a duplicate answer changes nothing", async () => {
    const queue = await loadQueue(t.db, ada, now);
    const shown = queue.card!;
    expect(shown.question).toBe("Q1?");
    expect(queue.counts).toEqual({ new: 20, learning: 0, review: 0 });

    await answerCard(t.db, ada, { cardId: shown.id, version: shown.version, rating: 3, durationMs: 1200 }, now);
    const card = await t.db.card.findUniqueOrThrow({ where: { id: shown.id } });
    const logs = await t.db.reviewLog.findMany({ where: { cardId: shown.id } });
    expect(card.version).toBe(shown.version + 1);
    expect(card.reps).toBe(1);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ rating: 3, state: 0, durationMs: 1200, kind: "RATING", cardVersion: card.version });

    // The same answer again (a double click, a second tab, a retried request): refused, nothing written.
    await expectRefusal(answerCard(t.db, ada, { cardId: shown.id, version: shown.version, rating: 4, durationMs: 10 }, now), 409, "stale_card");
    expect(await t.db.reviewLog.count({ where: { cardId: shown.id } })).toBe(1);
    expect(await t.db.card.findUniqueOrThrow({ where: { id: shown.id } })).toEqual(card);
  });

  it("lets two concurrent answers for one shown state write exactly one review", async () => {
    const shown = (await loadQueue(t.db, ada, now)).card!;
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map((rating) => answerCard(t.db, ada, { cardId: shown.id, version: shown.version, rating: rating as 1, durationMs: 5 }, now)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await t.db.reviewLog.count({ where: { cardId: shown.id } })).toBe(1);
  });

  it("does not let a learner answer, suspend, reset or see another learner's card", async () => {
    const bobs = (await loadQueue(t.db, bob, now)).card!;
    const before = await t.db.card.findUniqueOrThrow({ where: { id: bobs.id } });
    await expectRefusal(answerCard(t.db, ada, { cardId: bobs.id, version: bobs.version, rating: 3, durationMs: 0 }, now), 404, "card_not_found");
    await expectRefusal(setSuspended(t.db, ada, bobs.id, bobs.version, true), 404, "card_not_found");
    await expectRefusal(resetCard(t.db, ada, bobs.id, bobs.version, now), 404, "card_not_found");
    await expectRefusal(answerCard(t.db, ada, { cardId: "no-such-card", version: 0, rating: 3, durationMs: 0 }, now), 404, "card_not_found");
    expect(await t.db.card.findUniqueOrThrow({ where: { id: bobs.id } })).toEqual(before);
    expect(await t.db.reviewLog.count({ where: { userId: bob } })).toBe(0);
    // Ada's queue never shows Bob's cards.
    const adaCards = new Set((await t.db.card.findMany({ where: { userId: ada }, select: { id: true } })).map((c) => c.id));
    expect(adaCards.has((await loadQueue(t.db, ada, now)).card!.id)).toBe(true);
  });

  it("refuses a rating outside 1–4 and a malformed answer at the edge", () => {
    expect(answerSchema.safeParse({ cardId: "c", version: 0, rating: 5 }).success).toBe(false);
    expect(answerSchema.safeParse({ cardId: "c", version: 0, rating: 0 }).success).toBe(false);
    expect(answerSchema.safeParse({ cardId: "c", version: -1, rating: 3 }).success).toBe(false);
    expect(answerSchema.safeParse({ cardId: "c", version: 0, rating: "3" }).success).toBe(false);
    expect(answerSchema.safeParse({ cardId: "c", version: 0, rating: 3 }).success).toBe(true);
  });

  it("undo restores the card exactly and removes its log entry", async () => {
    const shown = (await loadQueue(t.db, bob, now)).card!;
    const before = await t.db.card.findUniqueOrThrow({ where: { id: shown.id } });
    const later = new Date(now.getTime() + 60_000);
    await answerCard(t.db, bob, { cardId: shown.id, version: shown.version, rating: 1, durationMs: 3000 }, later);
    const undone = await undoLastReview(t.db, bob);
    expect(undone.cards[0]!.id).toBe(shown.id);
    const after = await t.db.card.findUniqueOrThrow({ where: { id: shown.id } });
    const { version: v1, updatedAt: u1, ...memoryBefore } = before;
    const { version: v2, updatedAt: u2, ...memoryAfter } = after;
    expect(memoryAfter).toEqual(memoryBefore);
    expect(v2).toBe(v1 + 2); // versions only grow: the pre-undo answer can never be replayed
    void u1;
    void u2;
    expect(await t.db.reviewLog.count({ where: { cardId: shown.id } })).toBe(0);
    await expectRefusal(undoLastReview(t.db, bob), 409, "nothing_to_undo");
  });

  it("applies the daily new-card limit from the learner's settings", async () => {
    const carol = (await createUser(t.db, { email: "carol@example.com" })).id;
    await ensureCards(t.db, carol, now);
    const saved = await saveReviewSettings(t.db, carol, { newPerDay: 3 });
    expect(saved.ok).toBe(true);
    for (let i = 0; i < 3; i++) {
      const queue = await loadQueue(t.db, carol, now);
      expect(queue.counts.new).toBe(3 - i);
      await answerCard(t.db, carol, { cardId: queue.card!.id, version: queue.card!.version, rating: 4, durationMs: 0 }, now);
    }
    const done = await loadQueue(t.db, carol, now);
    expect(done.card).toBeNull();
    expect(done.counts).toEqual({ new: 0, learning: 0, review: 0 });
    expect(done.nextDueAt).not.toBeNull();

    const invalid = await saveReviewSettings(t.db, carol, { desiredRetention: 1.5 });
    expect(invalid.ok).toBe(false);
    expect((await loadQueue(t.db, carol, now)).counts.new).toBe(0);
  });

  it("keeps suspended cards out of the queue and records a reset in the history", async () => {
    const dave = (await createUser(t.db, { email: "dave@example.com" })).id;
    await ensureCards(t.db, dave, now);
    const first = (await loadQueue(t.db, dave, now)).card!;
    await setSuspended(t.db, dave, first.id, first.version, true);
    expect((await loadQueue(t.db, dave, now)).card!.id).not.toBe(first.id);

    const second = (await loadQueue(t.db, dave, now)).card!;
    await answerCard(t.db, dave, { cardId: second.id, version: second.version, rating: 3, durationMs: 0 }, now);
    const answered = await t.db.card.findUniqueOrThrow({ where: { id: second.id } });
    await resetCard(t.db, dave, second.id, answered.version, now);
    const reset = await t.db.card.findUniqueOrThrow({ where: { id: second.id } });
    expect(reset).toMatchObject({ state: 0, reps: 0, lapses: 0, lastReview: null });
    expect((await t.db.reviewLog.findMany({ where: { cardId: second.id }, orderBy: { review: "asc" } })).map((l) => l.kind)).toEqual(["RATING", "RESET"]);
  });
});

describe("undo", () => {
  it("undoes consecutive answers to the same card, back to the new card", async () => {
    const erin = (await createUser(t.db, { email: "erin@example.com" })).id;
    await ensureCards(t.db, erin, now);
    const shown = (await loadQueue(t.db, erin, now)).card!;
    const before = await t.db.card.findUniqueOrThrow({ where: { id: shown.id } });
    const first = await answerCard(t.db, erin, { cardId: shown.id, version: shown.version, rating: 1, durationMs: 1000 }, now);
    const later = new Date(now.getTime() + 61_000);
    const again = (await loadQueue(t.db, erin, later)).card!;
    expect(again.id).toBe(shown.id);
    await answerCard(t.db, erin, { cardId: again.id, version: first.version, rating: 3, durationMs: 1000 }, later);
    expect(await t.db.reviewLog.count({ where: { cardId: shown.id } })).toBe(2);

    expect((await undoLastReview(t.db, erin)).cards[0]!.id).toBe(shown.id);
    expect((await loadQueue(t.db, erin, later)).canUndo).toBe(true);
    expect((await undoLastReview(t.db, erin)).cards[0]!.id).toBe(shown.id);
    const after = await t.db.card.findUniqueOrThrow({ where: { id: shown.id } });
    const { version: v1, updatedAt: u1, ...memoryBefore } = before;
    const { version: v2, updatedAt: u2, ...memoryAfter } = after;
    void u1;
    void u2;
    expect(memoryAfter).toEqual(memoryBefore);
    expect(v2).toBeGreaterThan(v1 + 2);
    expect(await t.db.reviewLog.count({ where: { cardId: shown.id } })).toBe(0);
    await expectRefusal(undoLastReview(t.db, erin), 409, "nothing_to_undo");
  });

  it("undoes the last action of any kind, one at a time: an unsuspend, the suspend, then the answer", async () => {
    const finn = (await createUser(t.db, { email: "finn@example.com" })).id;
    await ensureCards(t.db, finn, now);
    const shown = (await loadQueue(t.db, finn, now)).card!;
    const answered = await answerCard(t.db, finn, { cardId: shown.id, version: shown.version, rating: 3, durationMs: 0 }, now);
    const afterAnswer = await t.db.card.findUniqueOrThrow({ where: { id: shown.id } });
    const suspended = await setSuspended(t.db, finn, shown.id, answered.version, true);
    await setSuspended(t.db, finn, shown.id, suspended.version, false);

    expect(await undoLastReview(t.db, finn)).toMatchObject({ kind: "UNSUSPEND", count: 1 });
    expect(await t.db.card.findUniqueOrThrow({ where: { id: shown.id } })).toMatchObject({ suspended: true, reps: 1 });
    expect(await undoLastReview(t.db, finn)).toMatchObject({ kind: "SUSPEND" });
    expect(await t.db.card.findUniqueOrThrow({ where: { id: shown.id } })).toMatchObject({ suspended: false, reps: 1, due: afterAnswer.due });
    expect(await t.db.reviewLog.count({ where: { cardId: shown.id } })).toBe(1);
    expect(await undoLastReview(t.db, finn)).toMatchObject({ kind: "ANSWER", rating: 3 });
    expect(await t.db.card.findUniqueOrThrow({ where: { id: shown.id } })).toMatchObject({ suspended: false, reps: 0, state: 0 });
    expect(await t.db.reviewLog.count({ where: { cardId: shown.id } })).toBe(0);
    await expectRefusal(undoLastReview(t.db, finn), 409, "nothing_to_undo");
  });

  it("never undoes more than the last action: answer A, suspend B, z unsuspends B and keeps A's answer", async () => {
    const gia = (await createUser(t.db, { email: "gia@example.com" })).id;
    await ensureCards(t.db, gia, now);
    const a = (await loadQueue(t.db, gia, now)).card!;
    await answerCard(t.db, gia, { cardId: a.id, version: a.version, rating: 4, durationMs: 0 }, now);
    const answeredA = await t.db.card.findUniqueOrThrow({ where: { id: a.id } });
    // Twenty minutes later, another card is suspended.
    const later = new Date(now.getTime() + 20 * 60_000);
    const b = (await loadQueue(t.db, gia, later)).card!;
    expect(b.id).not.toBe(a.id);
    await setSuspended(t.db, gia, b.id, b.version, true, later);

    const undone = await undoLastReview(t.db, gia, later);
    expect(undone).toMatchObject({ kind: "SUSPEND", count: 1, rating: null });
    expect(undone.cards.map((card) => card.id)).toEqual([b.id]);
    expect((await t.db.card.findUniqueOrThrow({ where: { id: b.id } })).suspended).toBe(false);
    const { due, stability, difficulty, state, reps, lastReview } = answeredA;
    expect(await t.db.card.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ due, stability, difficulty, state, reps, lastReview });
    expect(await t.db.reviewLog.count({ where: { cardId: a.id, kind: "RATING" } })).toBe(1);
    expect((await loadQueue(t.db, gia, later)).undo).toEqual({ kind: "ANSWER", count: 1 });

    expect(await undoLastReview(t.db, gia, later)).toMatchObject({ kind: "ANSWER", rating: 4, cards: [{ id: a.id }] });
    expect(await t.db.card.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ state: 0, reps: 0 });
    expect(await t.db.reviewLog.count({ where: { cardId: a.id } })).toBe(0);
  });

  it("refuses to undo an action on a card changed since outside the log, and changes nothing", async () => {
    const hana = (await createUser(t.db, { email: "hana@example.com" })).id;
    await ensureCards(t.db, hana, now);
    const shown = (await loadQueue(t.db, hana, now)).card!;
    await answerCard(t.db, hana, { cardId: shown.id, version: shown.version, rating: 3, durationMs: 0 }, now);
    // Something other than an action moved the card (as a lab reschedule does).
    await t.db.card.update({ where: { id: shown.id }, data: { due: now, version: { increment: 1 } } });
    const before = await t.db.card.findUniqueOrThrow({ where: { id: shown.id } });
    await expectRefusal(undoLastReview(t.db, hana), 409, "undo_stale");
    expect(await t.db.card.findUniqueOrThrow({ where: { id: shown.id } })).toEqual(before);
    expect(await t.db.reviewLog.count({ where: { cardId: shown.id } })).toBe(1);
    expect((await loadQueue(t.db, hana, now)).undo).toBeNull();
  });
});

describe("settings that fail validation", () => {
  it("refuses steps that would overflow a date, with a message, and saves nothing", async () => {
    const gus = (await createUser(t.db, { email: "gus@example.com" })).id;
    const saved = await saveReviewSettings(t.db, gus, { learningSteps: "999999999999d" });
    expect(saved.ok).toBe(false);
    expect(saved.ok ? null : saved.errors.learningSteps).toMatch(/longer than a year/);
    expect(await t.db.srsSettings.count({ where: { userId: gus } })).toBe(0);
  });

  it("answers with a stored row written before the bounds existed, without a 500", async () => {
    const hal = (await createUser(t.db, { email: "hal@example.com" })).id;
    await ensureCards(t.db, hal, now);
    await t.db.srsSettings.create({
      data: { userId: hal, desiredRetention: 0.9, newPerDay: 20, maxReviewsPerDay: 200, learningSteps: "999999999999d", relearningSteps: "10m", maximumInterval: 36500, enableFuzz: true, rolloverHour: 4, timeZone: "Europe/Berlin" },
    });
    const shown = (await loadQueue(t.db, hal, now)).card!;
    const answered = await answerCard(t.db, hal, { cardId: shown.id, version: shown.version, rating: 1, durationMs: 0 }, now);
    expect(Number.isFinite(answered.due.getTime())).toBe(true);
  });
});

describe("leeches", () => {
  async function lapsingCard(email: string, leechAction: "tag" | "suspend") {
    const user = (await createUser(t.db, { email })).id;
    await ensureCards(t.db, user, now);
    expect((await saveReviewSettings(t.db, user, { leechThreshold: 3, leechAction })).ok).toBe(true);
    const card = await t.db.card.findFirstOrThrow({ where: { userId: user, note: { number: 1 } } });
    const lastReview = new Date(now.getTime() - 5 * 86_400_000);
    const reviewed = await t.db.card.update({
      where: { id: card.id },
      data: { state: 2, stability: 5, difficulty: 6, reps: 6, lapses: 2, scheduledDays: 5, lastReview, due: new Date(now.getTime() - 3_600_000) },
    });
    return { user, card: reviewed };
  }

  it("marks a card lapsing as often as the threshold a leech, suspends it when the learner chose so, and undo puts it back", async () => {
    const { user, card } = await lapsingCard("leech-suspend@example.com", "suspend");
    const shown = (await loadQueue(t.db, user, now)).card!;
    expect(shown.id).toBe(card.id);
    expect(shown.leech).toBe(false);
    const answered = await answerCard(t.db, user, { cardId: card.id, version: shown.version, rating: 1, durationMs: 0 }, now);
    expect(answered.leech).toEqual({ suspended: true });
    expect(await t.db.card.findUniqueOrThrow({ where: { id: card.id } })).toMatchObject({ lapses: 3, leech: true, suspended: true });
    expect((await loadQueue(t.db, user, now)).card?.id).not.toBe(card.id);

    await undoLastReview(t.db, user);
    expect(await t.db.card.findUniqueOrThrow({ where: { id: card.id } })).toMatchObject({ lapses: 2, leech: false, suspended: false, state: 2 });
  });

  it("only marks it when the learner chose to tag leeches, and the review screen says so", async () => {
    const { user, card } = await lapsingCard("leech-tag@example.com", "tag");
    const answered = await answerCard(t.db, user, { cardId: card.id, version: card.version, rating: 1, durationMs: 0 }, now);
    expect(answered.leech).toEqual({ suspended: false });
    expect(await t.db.card.findUniqueOrThrow({ where: { id: card.id } })).toMatchObject({ leech: true, suspended: false, state: 3 });
    const shown = (await loadQueue(t.db, user, new Date(now.getTime() + 11 * 60_000))).card!;
    expect(shown).toMatchObject({ id: card.id, leech: true });
    // A reset is a fresh start.
    await resetCard(t.db, user, card.id, shown.version, now);
    expect(await t.db.card.findUniqueOrThrow({ where: { id: card.id } })).toMatchObject({ leech: false, lapses: 0 });
  });
});

describe("stored settings that fail validation are reported", () => {
  it("names the field and keeps the stored value for the learner to fix; the rest of the row still applies", async () => {
    const ivy = (await createUser(t.db, { email: "ivy@example.com" })).id;
    await t.db.srsSettings.create({
      data: { userId: ivy, desiredRetention: 0.9, newPerDay: 7, maxReviewsPerDay: 200, learningSteps: "1m 10m", relearningSteps: "10m", maximumInterval: 36500, enableFuzz: true, rolloverHour: 4, timeZone: "Mars/Olympus_Mons" },
    });
    const read = await readReviewSettings(t.db, ivy);
    expect(read.settings).toMatchObject({ newPerDay: 7, timeZone: "UTC" });
    expect(read.problems).toEqual({ timeZone: '"Mars/Olympus_Mons" is not a time zone we know; use a name like Europe/Berlin or America/New_York' });
    expect(read.stored).toMatchObject({ timeZone: "Mars/Olympus_Mons", newPerDay: 7 });
    expect((await readReviewSettings(t.db, bob)).problems).toBeNull();
  });
});
