import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/accounts";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { answerCard, resetCard } from "./answer";
import { ensureCards } from "./cards";
import { rescheduleForLabMiss } from "./lab-reschedule";
import { loadQueue } from "./queue";
import { saveReviewSettings } from "./settings";

let t: TestDatabase;
const now = new Date("2026-11-24T12:00:00Z");
const REASON = "Back today: your submission for KL divergence failed.";

beforeAll(async () => {
  t = await createTestDatabase();
  const deck = await t.db.deck.create({ data: { slug: "d", title: "Deck", tags: [], sourcePath: "content/d.md", contentHash: "x" } });
  await t.db.note.createMany({
    data: Array.from({ length: 10 }, (_, i) => ({ deckId: deck.id, number: i + 1, position: i + 1, question: `Q${i + 1}?`, answerMarkdown: "a", answerHtml: "<p>a</p>", sourceLine: i + 1 })),
  });
});
afterAll(async () => t.drop());

async function learner(email: string) {
  const id = (await createUser(t.db, { email })).id;
  await ensureCards(t.db, id, now);
  return id;
}
const cardOf = (userId: string, number: number) => t.db.card.findFirstOrThrow({ where: { userId, note: { number } } });

describe("a lab reschedule", () => {
  it("brings a lab-missed new card even when the new-card limit is used up", async () => {
    const ada = await learner("ada@example.com");
    await saveReviewSettings(t.db, ada, { newPerDay: 0 });
    expect((await loadQueue(t.db, ada, now)).card).toBeNull();
    expect(await rescheduleForLabMiss(t.db, ada, [{ deck: "d", number: 7 }], REASON, now)).toBe(1);
    const queue = await loadQueue(t.db, ada, now);
    expect(queue.counts.new).toBe(1);
    expect(queue.card?.noteNumber).toBe(7);
    expect(queue.card?.reason).toBe(REASON);
  });

  it("loses its priority and reason once the card is answered, and stays lost after a reset", async () => {
    const bob = await learner("bob@example.com");
    await rescheduleForLabMiss(t.db, bob, [{ deck: "d", number: 7 }], REASON, now);
    const shown = (await loadQueue(t.db, bob, now)).card!;
    expect(shown.noteNumber).toBe(7);
    const answered = await answerCard(t.db, bob, { cardId: shown.id, version: shown.version, rating: 4, durationMs: 0 }, now);
    expect((await loadQueue(t.db, bob, now)).card?.noteNumber).toBe(1);

    await resetCard(t.db, bob, shown.id, answered.version, now);
    const queue = await loadQueue(t.db, bob, now);
    expect(queue.card?.noteNumber).toBe(1);
    expect(queue.card?.reason).toBeNull();
    const reset = await cardOf(bob, 7);
    for (let i = 0; i < 6; i++) {
      const card = (await loadQueue(t.db, bob, now)).card!;
      await answerCard(t.db, bob, { cardId: card.id, version: card.version, rating: 4, durationMs: 0 }, now);
    }
    const seventh = (await loadQueue(t.db, bob, now)).card!;
    expect(seventh.id).toBe(reset.id);
    expect(seventh.reason).toBeNull();
  });

  it("does not bump the version of a card it does not move, so the answer on screen still counts", async () => {
    const cleo = await learner("cleo@example.com");
    const first = (await loadQueue(t.db, cleo, now)).card!;
    await answerCard(t.db, cleo, { cardId: first.id, version: first.version, rating: 1, durationMs: 0 }, now);
    const later = new Date(now.getTime() + 5 * 60_000);
    const shown = (await loadQueue(t.db, cleo, later)).card!;
    expect(shown.id).toBe(first.id); // the learning card, due since 12:01
    await rescheduleForLabMiss(t.db, cleo, [{ deck: "d", number: first.noteNumber }], REASON, later);
    expect((await cardOf(cleo, first.noteNumber)).version).toBe(shown.version);
    await answerCard(t.db, cleo, { cardId: shown.id, version: shown.version, rating: 3, durationMs: 0 }, later);
  });
});
