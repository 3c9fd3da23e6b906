// What the optimizer reads, from rows written by the app's own paths (answers, undo, resets, lab reschedules): only
// answers, since each card's last reset, in study days — never lab reschedules, resets or undone answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/accounts";
import type { TestDatabase } from "@/lib/db/testing";
import { createJobTestDatabase } from "@/lib/jobs/testing";
import { answerCard, resetCard, undoLastReview } from "@/lib/review/answer";
import { ensureCards } from "@/lib/review/cards";
import { rescheduleForLabMiss } from "@/lib/review/lab-reschedule";
import { formSettings, DEFAULT_SETTINGS } from "@/lib/srs/settings";
import type { Rating } from "@/lib/srs/types";
import { countUsableReviews, readCardHistories, type CardHistory } from "./histories";
import { itemsInTimeOrder } from "./items";
import { createSyntheticDeck } from "./testing";

let t: TestDatabase;
let userId: string;
let slug: string;
const cards: string[] = [];

beforeAll(async () => {
  t = await createJobTestDatabase();
  slug = "histories";
  await createSyntheticDeck(t.db, 4, slug); // new accounts study every deck
  userId = (await createUser(t.db, { email: "ny@example.com" })).id;
  // New York, the day starting at 04:00: 18:55 and 19:05 are one study day although the UTC date changes between them.
  await t.db.srsSettings.create({ data: { userId, ...formSettings({ ...DEFAULT_SETTINGS, timeZone: "America/New_York", rolloverHour: 4 }) } });
  await ensureCards(t.db, userId, new Date("2026-03-01T12:00:00Z"));
  const rows = await t.db.card.findMany({ where: { userId }, orderBy: { note: { position: "asc" } }, select: { id: true } });
  cards.push(...rows.map((row) => row.id));
});
afterAll(() => t.drop());

async function answer(cardId: string, rating: Rating, at: string) {
  const card = await t.db.card.findUniqueOrThrow({ where: { id: cardId } });
  return answerCard(t.db, userId, { cardId, version: card.version, rating, durationMs: 5000 }, new Date(at));
}

async function histories(): Promise<Map<string, CardHistory>> {
  const all = new Map<string, CardHistory>();
  for await (const batch of readCardHistories(t.db, userId)) for (const history of batch) all.set(history.cardId, history);
  return all;
}

describe("the optimizer's input", () => {
  it("is each card's answers since its last reset, in study days, without lab reschedules, resets or undone answers", async () => {
    const [a, b, c, d] = cards as [string, string, string, string];
    // Card a: two answers one study day (18:55 and 19:05 EDT: 22:55 and 23:05 UTC, then 03:05 UTC the next date),
    // an answer two days later, a lab reschedule, an answer after it, and an answer undone.
    await answer(a, 1, "2026-03-10T22:55:00Z");
    await answer(a, 3, "2026-03-10T23:05:00Z");
    await answer(a, 3, "2026-03-11T03:05:00Z"); // 23:05 EDT: still March 10th's study day
    await answer(a, 3, "2026-03-12T23:00:00Z");
    await rescheduleForLabMiss(t.db, userId, [{ deck: slug, number: 1 }], "Failed the KL lab", new Date("2026-03-13T15:00:00Z"));
    await answer(a, 2, "2026-03-13T22:00:00Z");
    await answer(a, 4, "2026-03-16T22:00:00Z");
    await undoLastReview(t.db, userId);
    // Card b: answers, a reset, then a new history.
    await answer(b, 3, "2026-03-10T22:00:00Z");
    await answer(b, 3, "2026-03-12T22:00:00Z");
    const resetB = await t.db.card.findUniqueOrThrow({ where: { id: b } });
    await resetCard(t.db, userId, b, resetB.version, new Date("2026-03-14T22:00:00Z"));
    await answer(b, 4, "2026-03-15T22:00:00Z");
    await answer(b, 3, "2026-03-20T22:00:00Z");
    // Card c: answered, then reset and never answered again: nothing to learn from.
    await answer(c, 3, "2026-03-10T22:00:00Z");
    const resetC = await t.db.card.findUniqueOrThrow({ where: { id: c } });
    await resetCard(t.db, userId, c, resetC.version, new Date("2026-03-11T22:00:00Z"));
    // Card d: never answered.
    void d;

    const read = await histories();
    expect([...read.keys()].sort()).toEqual([a, b].sort());
    expect(read.get(a)).toMatchObject({ ratings: [1, 3, 3, 3, 2], deltaTs: [0, 0, 0, 2, 1] });
    expect(read.get(b)).toMatchObject({ ratings: [4, 3], deltaTs: [0, 5] });
    expect(read.get(a)!.times[0]).toBe(Date.parse("2026-03-10T22:55:00Z"));

    // Items: every answer on a later study day than the card's previous one, with the card's history up to it.
    const items = itemsInTimeOrder(read.values());
    expect(items.map((item) => item.reviews.map((r) => `${r.rating}/${r.deltaT}`).join(" "))).toEqual([
      "1/0 3/0 3/0 3/2",
      "1/0 3/0 3/0 3/2 2/1",
      "4/0 3/5",
    ]);
    expect(await countUsableReviews(t.db, userId)).toEqual({ reviews: 7, items: 3 });
    // The log itself still has everything but the undone answer.
    expect(await t.db.reviewLog.groupBy({ by: ["kind"], where: { userId }, _count: true, orderBy: { kind: "asc" } })).toEqual([
      { kind: "RATING", _count: 10 },
      { kind: "RESET", _count: 2 },
      { kind: "LAB", _count: 1 },
    ]);
  });

  it("is someone else's for no one", async () => {
    const other = (await createUser(t.db, { email: "other@example.com" })).id;
    const read: CardHistory[] = [];
    for await (const batch of readCardHistories(t.db, other)) read.push(...batch);
    expect(read).toEqual([]);
    expect(await countUsableReviews(t.db, other)).toEqual({ reviews: 0, items: 0 });
  });
});
