import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/accounts";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { DEFAULT_SETTINGS } from "@/lib/srs";
import { buildDailyQueue } from "@/lib/srs/queue";
import { ensureCards } from "./cards";
import { rescheduleForLabMiss } from "./lab-reschedule";
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
        data: {
          state,
          due: new Date(now.getTime() + offsetMin * 60_000),
          suspended: random() < 0.1,
          reps: state === 0 ? 0 : 1,
          stability: state === 0 ? 0 : 3,
          difficulty: state === 0 ? 0 : 5,
          labReason: random() < 0.15 ? "Back today: lab." : null,
        },
      });
    }
    const settings = { ...DEFAULT_SETTINGS, newPerDay: Math.floor(random() * 12), maxReviewsPerDay: Math.floor(random() * 30), learnAheadMinutes: Math.floor(random() * 120) };
    const fromDb = await loadQueue(t.db, learner, now, { settings });

    const all = await t.db.card.findMany({ where: { userId: learner }, include: { note: { include: { deck: true } } } });
    const expected = buildDailyQueue({
      cards: all.map((c) => ({ id: c.id, deckSlug: c.note.deck.slug, position: c.note.position, memory: memoryFromRow(c), suspended: c.suspended, labMissed: c.labReason !== null })),
      now,
      settings,
      doneToday: { newIntroduced: 0, reviewsDone: 0 },
    });
    expect(fromDb.counts).toEqual(expected.counts);
    expect(fromDb.card?.id ?? null).toBe(expected.next?.id ?? null);
    expect(fromDb.nextDueAt).toBe(expected.nextDueAt?.toISOString() ?? null);
  });
});

describe("new cards come in content order across decks", () => {
  it("by deck slug then note position, past retired, suspended, unstudied and introduced ones; a lab-missed new card first", async () => {
    const settings = { ...DEFAULT_SETTINGS, newPerDay: 100, maxReviewsPerDay: 100 };
    const deck = async (slug: string, positions: number[], retiredAt: Date | null = null) => {
      const created = await t.db.deck.create({ data: { slug, title: slug, tags: [], sourcePath: `content/${slug}.md`, contentHash: "x", retiredAt } });
      await t.db.note.createMany({
        data: positions.map((position) => ({ deckId: created.id, number: position + 1, position, question: `${slug} ${position}`, answerMarkdown: "a", answerHtml: "<p>a</p>", sourceLine: 1 })),
      });
      return created;
    };
    // Created before the learner, so the learner studies the live ones; notes listed out of position order.
    const beta = await deck("b-beta", [2, 0, 1]);
    const alpha = await deck("a-alpha", [3, 1, 0, 2]);
    const unstudied = await deck("aa-unstudied", [0]);
    const retired = await deck("a0-retired", [0], new Date("2026-11-01T00:00:00Z"));
    const user = (await createUser(t.db, { email: "order@example.com" })).id;
    await t.db.deckStudy.deleteMany({ where: { userId: user, deckId: unstudied.id } });
    await t.db.deckStudy.create({ data: { userId: user, deckId: retired.id } }); // studied before it was retired
    await t.db.note.updateMany({ where: { deckId: alpha.id, position: 0 }, data: { retiredAt: new Date("2026-11-02T00:00:00Z") } });
    await ensureCards(t.db, user, now);
    const cardAt = async (deckId: string, position: number) =>
      (await t.db.card.findFirstOrThrow({ where: { userId: user, note: { deckId, position } } })).id;
    const shown = async () => (await loadQueue(t.db, user, now, { settings })).card;

    expect((await shown())?.id).toBe(await cardAt(alpha.id, 1));

    const later = new Date(now.getTime() + 5 * 86_400_000);
    await t.db.card.update({ where: { id: await cardAt(alpha.id, 1) }, data: { state: 2, due: later, reps: 1, stability: 5, difficulty: 5 } });
    await t.db.card.update({ where: { id: await cardAt(alpha.id, 2) }, data: { suspended: true } });
    await t.db.card.update({ where: { id: await cardAt(alpha.id, 3) }, data: { state: 1, due: later, reps: 1, stability: 1, difficulty: 5 } });
    expect((await shown())?.id).toBe(await cardAt(beta.id, 0));

    const back = await rescheduleForLabMiss(t.db, user, [{ deck: "b-beta", number: 3 }], "You missed a test of the beta lab.", now);
    expect(back).toBe(1);
    const card = await shown();
    expect(card?.id).toBe(await cardAt(beta.id, 2));
    expect(card?.reason).toBe("You missed a test of the beta lab.");
  });
});
