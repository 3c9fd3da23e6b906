// The SQL queue (lib/review/queue.ts) shows a learner's cards in exactly the order lib/srs/queue.ts states
// (QUEUE_ORDER and planDailyQueue): both are drained over the same cards — several decks whose slugs sort differently
// by character code than in most locales, notes sharing a position, due dates that tie, lab-missed, suspended and
// track-assigned cards, cards buried today and cards whose burial has ended — and must show the same cards in the same order with the same counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/session";
import type { TestDatabase } from "@/lib/db/testing";
import { createJobTestDatabase } from "@/lib/jobs/testing";
import { CardState, DEFAULT_SETTINGS } from "@/lib/srs";
import { buildDailyQueue, type QueueCard } from "@/lib/srs/queue";
import { makeClass, makeDeck, makeUser } from "@/lib/teach/testing";
import { addTrackItem } from "@/lib/teach/tracks";
import { ensureCards } from "./cards";
import { memoryFromRow } from "./memory";
import { loadQueue } from "./queue";

let t: TestDatabase;
let learner: CurrentUser;
const now = new Date("2026-12-01T12:00:00Z");
const settings = { ...DEFAULT_SETTINGS, newPerDay: 1000, maxReviewsPerDay: 10_000, learnAheadMinutes: 60, timeZone: "UTC" };
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

// "a-b" sorts before "aa" by character code (as lib/srs compares), after it in en_US. Deck c's Q4 shares Q2's
// position, and all of deck d's notes share one: their cards go by card id.
const POSITIONS: Record<string, number[]> = { "a-b": [1, 0, 3, 2], aa: [3, 0, 2, 1], b: [0, 1, 2, 3], c: [2, 0, 1, 0], d: [0, 0, 0, 0, 0, 0] };

// What the tracks below assign, as lib/srs reads it: the earliest due date of the items that include the note, null
// when none of them has one, absent when no item does.
function assignedDue(slug: string, number: number): Date | null | undefined {
  if (slug === "b") return new Date(number === 1 || number === 4 ? "2026-12-02T12:00:00Z" : "2026-12-05T12:00:00Z");
  if (slug === "aa") return number === 4 ? new Date("2026-12-03T12:00:00Z") : undefined;
  if (slug === "a-b") return null;
  return undefined;
}

beforeAll(async () => {
  t = await createJobTestDatabase(); // track items with a due date schedule a job
  const owner = await makeUser(t.db, "owner@example.com", "INSTRUCTOR");
  const decks: Record<string, { id: string }> = {};
  for (const [slug, positions] of Object.entries(POSITIONS)) {
    decks[slug] = await makeDeck(t.db, slug, positions.length);
    for (const [i, position] of positions.entries()) {
      await t.db.note.updateMany({ where: { deckId: decks[slug]!.id, number: i + 1 }, data: { position } });
    }
  }
  learner = await makeUser(t.db, "learner@example.com");
  // Class one: all of b due 5 Dec, aa's Q4 due 3 Dec. Class two: all of a-b with no due date, b's Q1 and Q4 due 2 Dec.
  const one = await makeClass(t.db, { owner, learners: [learner] }, { deckId: decks.b!.id, due: "2026-12-05T12:00", timeZone: "UTC" });
  await addTrackItem(t.db, owner, one.trackId, { kind: "review", deckId: decks.aa!.id, noteNumbers: [4], goal: "studied", due: "2026-12-03T12:00" });
  const two = await makeClass(t.db, { owner, learners: [learner] }, { deckId: decks["a-b"]!.id, due: null, timeZone: "UTC" });
  await addTrackItem(t.db, owner, two.trackId, { kind: "review", deckId: decks.b!.id, noteNumbers: [1, 4], goal: "studied", due: "2026-12-02T12:00" });
  await ensureCards(t.db, learner.id, now);
});
afterAll(async () => t.drop());

type CardSetup = { state: CardState; due: Date; suspended?: boolean; labMissed?: boolean; buriedUntil?: Date | null };
// Buried today: out of the queue until the next study day starts (04:00 UTC, the default rollover). A burial that
// ended at this study day's start no longer hides the card.
const BURIED_TODAY = new Date("2026-12-02T04:00:00Z");
const BURIAL_ENDED = new Date("2026-12-01T04:00:00Z");

async function setCards(setup: (key: string) => CardSetup) {
  const cards = await t.db.card.findMany({ where: { userId: learner.id }, include: { note: { include: { deck: true } } }, orderBy: [{ note: { deck: { slug: "asc" } } }, { note: { number: "asc" } }] });
  const setups = new Map(cards.map((card) => [card.id, setup(`${card.note.deck.slug}#${card.note.number}`)]));
  // Written in reverse id order, so the table's physical order is not the order the tie on card id asks for.
  for (const card of [...cards].sort((a, b) => (a.id < b.id ? 1 : -1))) {
    const { state, due, suspended = false, labMissed = false, buriedUntil = null } = setups.get(card.id)!;
    const studied = state !== CardState.New;
    await t.db.card.update({
      where: { id: card.id },
      data: { state, due, suspended, reps: studied ? 2 : 0, stability: studied ? 3 : 0, difficulty: studied ? 5 : 0, lastReview: studied ? minutes(-3 * 24 * 60) : null, labReason: labMissed ? "Back today: lab." : null, buriedUntil },
    });
  }
}

type Step = { card: string | null; counts: { new: number; learning: number; review: number } };

/** What the SQL queue shows, card after card: each shown card is then suspended, which takes it out of the queue. */
async function drainSql(): Promise<{ steps: Step[]; nextDueAt: string | null }> {
  const steps: Step[] = [];
  for (;;) {
    const queue = await loadQueue(t.db, learner.id, now, { settings });
    if (!queue.card) return { steps, nextDueAt: queue.nextDueAt };
    steps.push({ card: `${queue.card.deck.slug}#${queue.card.noteNumber}`, counts: queue.counts });
    await t.db.card.update({ where: { id: queue.card.id }, data: { suspended: true } });
  }
}

/** What lib/srs's queue shows over the same cards (read before drainSql suspends them), card after card. */
async function drainPure(): Promise<{ steps: Step[]; nextDueAt: string | null }> {
  const rows = await t.db.card.findMany({ where: { userId: learner.id }, include: { note: { include: { deck: true } } } });
  const keys = new Map(rows.map((c) => [c.id, `${c.note.deck.slug}#${c.note.number}`]));
  let cards: QueueCard[] = rows.map((c) => ({
    id: c.id,
    deckSlug: c.note.deck.slug,
    position: c.note.position,
    memory: memoryFromRow(c),
    suspended: c.suspended,
    buriedUntil: c.buriedUntil,
    labMissed: c.labReason !== null,
    assignedDue: assignedDue(c.note.deck.slug, c.note.number),
  }));
  const steps: Step[] = [];
  for (;;) {
    const queue = buildDailyQueue({ cards, now, settings, doneToday: { newIntroduced: 0, reviewsDone: 0 } });
    if (!queue.next) return { steps, nextDueAt: queue.nextDueAt?.toISOString() ?? null };
    steps.push({ card: keys.get(queue.next.id)!, counts: queue.counts });
    cards = cards.filter((card) => card.id !== queue.next!.id);
  }
}

async function bothOrders() {
  const pure = await drainPure();
  const sql = await drainSql();
  return { pure, sql };
}

describe("the SQL queue and lib/srs's queue show the same cards in the same order", () => {
  it("a hand-picked collection, in the order QUEUE_ORDER states", async () => {
    const { Learning, Review, Relearning, New } = CardState;
    const setup: Record<string, CardSetup> = {
      "a-b#1": { state: Learning, due: minutes(-10), suspended: true },
      "a-b#2": { state: Relearning, due: minutes(-20) },
      "a-b#3": { state: Review, due: new Date("2026-12-01T06:00:00Z") },
      "a-b#4": { state: New, due: now },
      "aa#1": { state: Learning, due: minutes(-10) },
      "aa#2": { state: Learning, due: minutes(30) },
      "aa#3": { state: Review, due: new Date("2026-12-01T09:00:00Z"), labMissed: true },
      "aa#4": { state: New, due: now },
      "b#1": { state: Learning, due: minutes(-10) },
      "b#2": { state: Review, due: new Date("2026-12-01T09:00:00Z") },
      "b#3": { state: Review, due: new Date("2026-12-02T10:00:00Z") },
      "b#4": { state: New, due: now, labMissed: true },
      "c#1": { state: New, due: now },
      "c#2": { state: New, due: now, suspended: true },
      "c#3": { state: New, due: now, labMissed: true },
      "c#4": { state: New, due: now },
      "d#5": { state: New, due: now, buriedUntil: BURIED_TODAY },
      "d#1": { state: New, due: now, buriedUntil: BURIAL_ENDED },
      "d#3": { state: Learning, due: minutes(-30), buriedUntil: BURIED_TODAY },
      "d#4": { state: Review, due: minutes(-60), buriedUntil: BURIED_TODAY },
      "d#2": { state: New, due: now },
    };
    await setCards((key) => setup[key] ?? { state: Review, due: minutes(7 * 24 * 60) });
    const idOf = async (number: number) => (await t.db.card.findFirstOrThrow({ where: { userId: learner.id, note: { deck: { slug: "d" }, number } } })).id;
    const [d1, d2] = [await idOf(1), await idOf(2)];
    const { pure, sql } = await bothOrders();
    expect(sql.steps.map((step) => step.card)).toEqual([
      // (Re)learning due now: earliest first; a tie goes deck by deck ("a-b" < "aa" < "b"), not by position.
      "a-b#2",
      "aa#1",
      "b#1",
      // Reviews due today, the same way.
      "a-b#3",
      "aa#3",
      "b#2",
      // New: lab-missed first (assigned before not), then assigned with a due date, without one, then content order
      // (deck d's cards share a position: by card id).
      "b#4",
      "c#3",
      "aa#4",
      "a-b#4",
      "c#4",
      "c#1",
      ...(d1 < d2 ? ["d#1", "d#2"] : ["d#2", "d#1"]),
      // A learning card due within the learn-ahead window, once nothing else is left.
      "aa#2",
    ]);
    expect(sql.steps[0]!.counts).toEqual({ learning: 4, review: 3, new: 8 });
    expect(sql.nextDueAt).toBe("2026-12-02T04:00:00.000Z");
    expect(sql).toEqual(pure);
  });

  // A small deterministic generator, so a failure can be replayed.
  const lcg = (seed: number) => {
    let s = seed;
    return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  };

  it.each([1, 2, 3, 4, 5, 6, 7, 8])("random collection #%i, with ties in due dates", async (seed) => {
    const random = lcg(seed);
    // Few distinct instants, so many cards share a due date.
    const instants = [-26 * 60, -90, -10, 0, 30, 9 * 60, 20 * 60].map(minutes);
    await setCards(() => ({
      state: Math.floor(random() * 4) as CardState,
      due: instants[Math.floor(random() * instants.length)]!,
      suspended: random() < 0.15,
      labMissed: random() < 0.25,
      buriedUntil: random() < 0.1 ? BURIED_TODAY : random() < 0.1 ? BURIAL_ENDED : null,
    }));
    const { pure, sql } = await bothOrders();
    expect(sql.steps.length).toBeGreaterThan(3);
    expect(sql).toEqual(pure);
  });
});
