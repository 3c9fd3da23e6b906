import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/accounts";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { DEFAULT_SETTINGS } from "@/lib/srs";
import { answerCard } from "./answer";
import { ensureCards } from "./cards";
import { reviewActivity } from "./history";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.drop());

describe("reviewActivity", () => {
  it("counts answers per study day in the learner's time zone, oldest first, with empty days", async () => {
    const deck = await t.db.deck.create({ data: { slug: "d", title: "D", tags: [], sourcePath: "d.md", contentHash: "x" } });
    await t.db.note.createMany({ data: [1, 2, 3].map((n) => ({ deckId: deck.id, number: n, position: n, question: "q", answerMarkdown: "a", answerHtml: "a", sourceLine: n })) });
    const user = (await createUser(t.db, { email: "h@example.com" })).id;
    await ensureCards(t.db, user, new Date("2026-11-01T00:00:00Z"));
    const settings = { ...DEFAULT_SETTINGS, timeZone: "America/New_York", rolloverHour: 4 };
    const cards = await t.db.card.findMany({ where: { userId: user } });
    // 2026-11-23 03:30 New York is still the study day of the 22nd; 05:00 is the 23rd.
    await answerCard(t.db, user, { cardId: cards[0]!.id, version: 0, rating: 1, durationMs: 0 }, new Date("2026-11-23T08:30:00Z"), { settings });
    await answerCard(t.db, user, { cardId: cards[1]!.id, version: 0, rating: 3, durationMs: 0 }, new Date("2026-11-23T10:00:00Z"), { settings });
    await answerCard(t.db, user, { cardId: cards[2]!.id, version: 0, rating: 3, durationMs: 0 }, new Date("2026-11-24T15:00:00Z"), { settings });

    const days = await reviewActivity(t.db, user, settings, 3, new Date("2026-11-24T16:00:00Z"));
    expect(days).toEqual([
      { day: "2026-11-22", reviews: 1, again: 1 },
      { day: "2026-11-23", reviews: 1, again: 0 },
      { day: "2026-11-24", reviews: 1, again: 0 },
    ]);
  });
});
