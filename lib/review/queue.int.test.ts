import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/accounts";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { buildDailyQueue, DEFAULT_SETTINGS } from "@/lib/srs";
import { ensureCards } from "./cards";
import { memoryFromRow } from "./memory";
import { loadQueue } from "./queue";

let t: TestDatabase;
let learner: string;
const now = new Date("2026-11-24T12:00:00Z");

// A small deterministic generator, so a failure can be replayed.
function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

beforeAll(async () => {
  t = await createTestDatabase();
  const deck = await t.db.deck.create({ data: { slug: "d", title: "Deck", tags: [], sourcePath: "content/d.md", contentHash: "x" } });
  await t.db.note.createMany({
    data: Array.from({ length: 60 }, (_, i) => ({ deckId: deck.id, number: i + 1, position: i, question: `Q${i + 1}`, answerMarkdown: "a", answerHtml: "<p>a</p>", sourceLine: i + 1 })),
  });
  learner = (await createUser(t.db, { email: "p@example.com" })).id;
  await ensureCards(t.db, learner, now);
});
afterAll(async () => t.drop());

describe("the database queue agrees with lib/srs's queue over the same cards", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])("random collection #%i", async (seed) => {
    const random = lcg(seed);
    const cards = await t.db.card.findMany({ where: { userId: learner }, include: { note: true } });
    for (const card of cards) {
      const state = Math.floor(random() * 4);
      const offsetMin = Math.round((random() - 0.5) * 4 * 24 * 60); // due within ±2 days
      await t.db.card.update({
        where: { id: card.id },
        data: { state, due: new Date(now.getTime() + offsetMin * 60_000), suspended: random() < 0.1, reps: state === 0 ? 0 : 1, stability: state === 0 ? 0 : 3, difficulty: state === 0 ? 0 : 5 },
      });
    }
    const settings = { ...DEFAULT_SETTINGS, newPerDay: Math.floor(random() * 12), maxReviewsPerDay: Math.floor(random() * 30) };
    const fromDb = await loadQueue(t.db, learner, now, { settings });

    const all = await t.db.card.findMany({ where: { userId: learner }, include: { note: true } });
    const expected = buildDailyQueue({
      cards: all.map((c) => ({ id: c.id, position: c.note.position, memory: memoryFromRow(c), suspended: c.suspended })),
      now,
      settings,
      doneToday: { newIntroduced: 0, reviewsDone: 0 },
    });
    expect(fromDb.counts).toEqual(expected.counts);
    expect(fromDb.card?.id ?? null).toBe(expected.next?.id ?? null);
    expect(fromDb.nextDueAt).toBe(expected.nextDueAt?.toISOString() ?? null);
  });
});
