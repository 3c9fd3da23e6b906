import { createEmptyCard, fsrs, State } from "ts-fsrs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "@/lib/db/testing";
import { DEFAULT_SETTINGS, studyDay, toFsrsParams } from "@/lib/srs";
import { FORECAST_DAYS, loadMemory, memoryModel, PERCENT_BINS, STABILITY_EDGES } from "./memory";
import { createDatabaseWithDecks, createDeck, createLearner } from "./testing";

let t: TestDatabase;
let deckA: string;
let deckB: string;
beforeAll(async () => {
  const made = await createDatabaseWithDecks({ a: 10, b: 5, c: 2 });
  [t, deckA, deckB] = [made.t, made.deckIds.a!, made.deckIds.b!];
});
afterAll(async () => t.drop());

const at = (iso: string) => new Date(iso);
const model = memoryModel(toFsrsParams(DEFAULT_SETTINGS).w);
const scheduler = fsrs(toFsrsParams(DEFAULT_SETTINGS));

function retrievability(card: { stability: number; lastReview: Date }, now: Date): number {
  return scheduler.get_retrievability({ ...createEmptyCard(), state: State.Review, stability: card.stability, last_review: card.lastReview }, now, false);
}

async function memoryOf(userId: string, timeZone: string, rolloverHour: number, now: Date, deckId: string | null = null) {
  return loadMemory(t.db, { userId, now, timeZone, rolloverHour, today: studyDay(now, timeZone, rolloverHour).key, deckId, model });
}

type CardPatch = { state: number; scheduledDays?: number; stability?: number; difficulty?: number; lastReview?: Date; due?: Date; suspended?: boolean };

async function setCard(id: string, patch: CardPatch) {
  await t.db.card.update({ where: { id }, data: { scheduledDays: 0, stability: 1, difficulty: 5, lastReview: at("2026-03-01T12:00:00Z"), ...patch } });
}

describe("loadMemory", () => {
  it("counts the studied cards by state, their FSRS distributions and the next 30 study days' due cards", async () => {
    const m = await createLearner(t.db, "m@example.com", { timeZone: "America/New_York", rolloverHour: 4 });
    const a = m.cards.filter((c) => c.note.deckId === deckA);
    const b = m.cards.filter((c) => c.note.deckId === deckB);
    const c = m.cards.filter((card) => card.note.deck.slug === "c");
    const now = at("2026-03-10T15:00:00Z"); // 11:00 EDT: study day 2026-03-10
    // a[0] stays new.
    await setCard(a[1]!.id, { state: 1, stability: 1, difficulty: 5, lastReview: at("2026-03-10T14:50:00Z"), due: at("2026-03-10T15:10:00Z") });
    await setCard(a[2]!.id, { state: 2, scheduledDays: 10, stability: 10, difficulty: 3, lastReview: at("2026-03-05T15:00:00Z"), due: at("2026-03-15T15:00:00Z") });
    await setCard(a[3]!.id, { state: 2, scheduledDays: 30, stability: 40, difficulty: 7, lastReview: at("2026-02-20T15:00:00Z"), due: at("2026-03-22T15:00:00Z") });
    await setCard(a[4]!.id, { state: 3, stability: 2, difficulty: 8, lastReview: at("2026-03-09T11:50:00Z"), due: at("2026-03-09T12:00:00Z") }); // overdue
    await setCard(a[5]!.id, { state: 2, scheduledDays: 25, stability: 30, difficulty: 10, lastReview: at("2026-02-14T15:00:00Z"), due: at("2026-03-11T15:00:00Z"), suspended: true });
    // 03:30 EDT on the 11th is still the study day of the 10th.
    await setCard(a[6]!.id, { state: 2, scheduledDays: 5, stability: 0.5, difficulty: 1, lastReview: at("2026-03-06T07:30:00Z"), due: at("2026-03-11T07:30:00Z") });
    await setCard(a[7]!.id, { state: 2, scheduledDays: 30, stability: 2000, difficulty: 4.6, lastReview: at("2026-03-10T15:00:00Z"), due: at("2026-04-09T15:00:00Z") }); // 30 days ahead: out
    await setCard(a[8]!.id, { state: 2, scheduledDays: 29, stability: 25, difficulty: 4.6, lastReview: at("2026-03-10T15:00:00Z"), due: at("2026-04-08T15:00:00Z") }); // day 29: in
    // A retired note's card and a deck the learner stopped studying: not in their collection.
    await setCard(a[9]!.id, { state: 2, scheduledDays: 3, due: at("2026-03-11T15:00:00Z") });
    await t.db.note.update({ where: { id: a[9]!.noteId }, data: { retiredAt: at("2026-03-01T00:00:00Z") } });
    for (const card of c) await setCard(card.id, { state: 2, scheduledDays: 3, due: at("2026-03-11T15:00:00Z") });
    await t.db.deckStudy.deleteMany({ where: { userId: m.id, deck: { slug: "c" } } });
    await setCard(b[0]!.id, { state: 2, scheduledDays: 21, stability: 22, difficulty: 5.5, lastReview: at("2026-02-25T15:00:00Z"), due: at("2026-03-18T15:00:00Z") });

    const memory = await memoryOf(m.id, "America/New_York", 4, now);
    expect(memory.states).toEqual({ new: 1 + 4, learning: 1, young: 2, mature: 4, relearning: 1, suspended: 1 });

    const studied = [a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], b[0]].map((card) => card!.id);
    const rows = await t.db.card.findMany({ where: { id: { in: studied } } });
    const expectedR = rows.map((row) => retrievability({ stability: row.stability, lastReview: row.lastReview! }, now));
    expect(memory.studied).toBe(9);
    expect(memory.expectedRecalled).toBeCloseTo(expectedR.reduce((s, r) => s + r, 0), 7);
    expect(memory.averageRetrievability).toBeCloseTo(expectedR.reduce((s, r) => s + r, 0) / 9, 7);
    const rBins = new Array(PERCENT_BINS).fill(0);
    for (const r of expectedR) rBins[Math.min(Math.floor(r * PERCENT_BINS), PERCENT_BINS - 1)]++;
    expect(memory.retrievability).toEqual(rBins);

    // Stability bins: <1d | 1–2 | 2–4 | 4–7 | 7–14 | 14–21 | 21–30 | 30–60 | … | ≥1825.
    const stability = new Array(STABILITY_EDGES.length + 1).fill(0);
    stability[0] = 1; // 0.5
    stability[1] = 1; // 1
    stability[2] = 1; // 2
    stability[4] = 1; // 10
    stability[6] = 2; // 22, 25
    stability[7] = 2; // 30, 40
    stability[13] = 1; // 2000
    expect(memory.stability).toEqual(stability);
    expect(memory.averageStability).toBeCloseTo((1 + 10 + 40 + 2 + 30 + 0.5 + 2000 + 25 + 22) / 9, 9);
    // Difficulty 1..10 shown as 0..100 % in 5 % bins: 1 → 0 %, 3 → 22 %, 4.6 → 40 %, 5 → 44 %, 5.5 → 50 %, 7 → 67 %, 8 → 78 %, 10 → 100 % (last bin).
    const difficulty = new Array(PERCENT_BINS).fill(0);
    for (const d of [5, 3, 7, 8, 10, 1, 4.6, 4.6, 5.5]) difficulty[Math.min(Math.floor(((d - 1) / 9) * 20), 19)]++;
    expect(memory.difficulty).toEqual(difficulty);
    expect(memory.averageDifficulty).toBeCloseTo((4 + 2 + 6 + 7 + 9 + 0 + 3.6 + 3.6 + 4.5) / 9 / 9, 9);

    // Today: the learning card, the overdue relearning card and the card due at 03:30 tomorrow; not the suspended one.
    const forecast = new Array(FORECAST_DAYS).fill(0);
    forecast[0] = 3;
    forecast[5] = 1;
    forecast[8] = 1; // b[0], the 18th
    forecast[12] = 1;
    forecast[29] = 1;
    expect(memory.forecast).toEqual(forecast);
    expect(memory.overdue).toBe(1);

    // One deck.
    const onlyB = await memoryOf(m.id, "America/New_York", 4, now, deckB);
    expect(onlyB.states).toEqual({ new: 4, learning: 0, young: 0, mature: 1, relearning: 0, suspended: 0 });
    expect(onlyB.forecast.reduce((s, n) => s + n, 0)).toBe(1);
    expect(onlyB.expectedRecalled).toBeCloseTo(retrievability({ stability: 22, lastReview: at("2026-02-25T15:00:00Z") }, now), 8);
  });

  it("computes retrievability exactly as ts-fsrs 5 does, for random memories, elapsed times and decays", async () => {
    await createDeck(t.db, "r", 1);
    const learner = await createLearner(t.db, "r@example.com", { timeZone: "UTC", rolloverHour: 4 });
    const card = learner.cards.find((c) => c.note.deck.slug === "r")!;
    await t.db.deckStudy.deleteMany({ where: { userId: learner.id, deck: { slug: { not: "r" } } } });
    const now = at("2026-06-01T12:00:00Z");
    for (let trial = 0; trial < 60; trial++) {
      const stability = Math.exp(Math.random() * 10 - 3); // 0.05 … 1100 days
      const lastReview = new Date(now.getTime() - Math.floor(Math.random() * 1500 * 86_400_000));
      // The default decay, and others a fitted model may have (FSRS-6 weights' w[20]).
      const w = [...toFsrsParams(DEFAULT_SETTINGS).w];
      if (trial % 2 === 1) w[20] = 0.1 + Math.random() * 0.7;
      await t.db.card.update({ where: { id: card.id }, data: { state: 2, stability, lastReview, due: now } });
      const memory = await loadMemory(t.db, { userId: learner.id, now, timeZone: "UTC", rolloverHour: 4, today: "2026-06-01", deckId: null, model: memoryModel(w) });
      const expected = fsrs({ ...toFsrsParams(DEFAULT_SETTINGS), w }).get_retrievability(
        { ...createEmptyCard(), state: State.Review, stability, last_review: lastReview },
        now,
        false,
      );
      expect(memory.averageRetrievability, `S=${stability}, last review ${lastReview.toISOString()}, w20=${w[20]}`).toBeCloseTo(expected, 8);
    }
  });
});
