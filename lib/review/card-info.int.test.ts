import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/accounts";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { DEFAULT_SETTINGS } from "@/lib/srs";
import { answerCard, resetCard } from "./answer";
import { ensureCards } from "./cards";
import { findCardIds, loadCardInfo } from "./card-info";
import { rescheduleForLabMiss } from "./lab-reschedule";

let t: TestDatabase;
let ada: string;
let bob: string;
const start = new Date("2026-11-02T10:00:00Z");
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestDatabase();
  const deck = await t.db.deck.create({ data: { slug: "d", title: "Deck", tags: [], sourcePath: "content/d.md", contentHash: "x" } });
  await t.db.note.createMany({ data: [1, 2].map((n) => ({ deckId: deck.id, number: n, position: n, question: `Q${n}?`, answerMarkdown: "a", answerHtml: "a", sourceLine: n })) });
  ada = (await createUser(t.db, { email: "ada@example.com" })).id;
  bob = (await createUser(t.db, { email: "bob@example.com" })).id;
  await ensureCards(t.db, ada, start);
  await ensureCards(t.db, bob, start);
});
afterAll(async () => t.drop());

describe("card info", () => {
  it("shows the learner's own card with its history in order, each event's memory after it, and today's recall", async () => {
    const note = await t.db.note.findFirstOrThrow({ where: { number: 1 } });
    const id = (await findCardIds(t.db, ada, note.id))[0]!.id;
    let version = 0;
    const answer = async (rating: 1 | 2 | 3 | 4, at: Date) => (version = (await answerCard(t.db, ada, { cardId: id, version, rating, durationMs: 1500 }, at)).version);
    await answer(3, start);
    await answer(3, new Date(start.getTime() + 10 * 60_000));
    const card = await t.db.card.findUniqueOrThrow({ where: { id } });
    await answer(3, card.due);
    await rescheduleForLabMiss(t.db, ada, [{ deck: "d", number: 1 }], "Back today: lab.", new Date(card.due.getTime() + DAY));

    const now = new Date(card.due.getTime() + 2 * DAY);
    const info = (await loadCardInfo(t.db, ada, id, DEFAULT_SETTINGS, now))!;
    expect(info).toMatchObject({ noteNumber: 1, question: "Q1?", deck: { slug: "d" }, reps: 3, lapses: 0, leech: false, labReason: "Back today: lab." });
    expect(info.history.map((h) => [h.kind, h.rating, h.state])).toEqual([["RATING", 3, 0], ["RATING", 3, 1], ["RATING", 3, 2], ["LAB", null, 2]]);
    expect(info.history[2]!.elapsedDays).toBeGreaterThan(0);
    expect(info.history[2]!.recallAtReview).toBeGreaterThan(0.5);
    expect(info.history[2]!.recallAtReview).toBeLessThan(1);
    expect(info.history[0]!.recallAtReview).toBeNull();
    // The last answer's memory after it is the card's.
    expect(info.history[2]!.stability).toBe(info.stability);
    expect(info.history[3]!.stability).toBe(info.stability);
    expect(info.retrievability).toBeGreaterThan(0);
    expect(info.retrievability).toBeLessThan(1);

    await resetCard(t.db, ada, id, (await t.db.card.findUniqueOrThrow({ where: { id } })).version, now);
    const reset = (await loadCardInfo(t.db, ada, id, DEFAULT_SETTINGS, now))!;
    expect(reset.retrievability).toBeNull();
    expect(reset.history.at(-1)).toMatchObject({ kind: "RESET", stability: 0 });
  });

  it("is nobody else's business", async () => {
    const note = await t.db.note.findFirstOrThrow({ where: { number: 2 } });
    const bobs = (await findCardIds(t.db, bob, note.id))[0]!.id;
    expect(await loadCardInfo(t.db, ada, bobs, DEFAULT_SETTINGS)).toBeNull();
    expect(await loadCardInfo(t.db, ada, "no-such-card", DEFAULT_SETTINGS)).toBeNull();
  });
});
