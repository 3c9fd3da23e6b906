import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "@/lib/db/testing";
import { labExercises } from "@/lib/lab/exercises/catalog";
import { answers } from "./activity";
import { loadProgress, UnknownDeckError } from "./index";
import { createDatabaseWithDecks, createLearner, writeLogs } from "./testing";

let t: TestDatabase;
beforeAll(async () => {
  ({ t } = await createDatabaseWithDecks({ "ml-qa": 25, other: 3 }));
});
afterAll(async () => t.drop());

const at = (iso: string) => new Date(iso);

describe("loadProgress", () => {
  it("reads the learner's settings for their study days and puts the page's figures together", async () => {
    // Tokyo, day starts at 05:00 (20:00Z the day before).
    const ken = await createLearner(t.db, "ken@example.com", { timeZone: "Asia/Tokyo", rolloverHour: 5 });
    const card = ken.cards[0]!.id;
    await writeLogs(t.db, ken.id, [
      { cardId: card, review: at("2026-05-07T21:00:00Z"), state: 2, rating: 3 }, // 06:00 on the 8th
      { cardId: card, review: at("2026-05-08T19:59:00Z"), state: 2, rating: 3 }, // 04:59 on the 9th: still the 8th
      { cardId: card, review: at("2026-05-09T20:00:00Z"), state: 2, rating: 1 }, // 05:00 on the 10th
      { cardId: card, review: at("2026-05-10T20:30:00Z"), state: 0, rating: 3 }, // the 11th
      { cardId: card, review: at("2026-05-04T10:00:00Z"), state: 0, rating: 3 }, // the 4th
      { cardId: card, review: at("2026-05-05T10:00:00Z"), state: 0, rating: 3 },
      { cardId: card, review: at("2026-05-06T10:00:00Z"), state: 0, rating: 3 },
      { cardId: card, review: at("2026-05-07T10:00:00Z"), state: 0, rating: 3 }, // the 7th: 4 days in a row
    ]);
    const progress = await loadProgress(t.db, ken.id, { now: at("2026-05-11T03:00:00Z") }); // 12:00 on the 11th
    expect(progress.today).toBe("2026-05-11");
    expect(progress.settings).toEqual({ timeZone: "Asia/Tokyo", rolloverHour: 5, desiredRetention: 0.9 });
    expect(progress.decks.map((d) => d.slug)).toEqual(["ml-qa", "other"]);
    expect(progress.deck).toBeNull();
    expect(progress.activity.days.map((d) => [d.day, answers(d)])).toEqual([
      ["2026-05-04", 1],
      ["2026-05-05", 1],
      ["2026-05-06", 1],
      ["2026-05-07", 1],
      ["2026-05-08", 2],
      ["2026-05-10", 1],
      ["2026-05-11", 1],
    ]);
    expect(progress.streaks.current).toEqual({ days: 2, first: "2026-05-10", last: "2026-05-11", includesToday: true });
    expect(progress.streaks.longest).toEqual({ days: 5, first: "2026-05-04", last: "2026-05-08" });
    expect(progress.activity.periods.week).toMatchObject({ youngPass: 2, youngFail: 1, learnPass: 4, daysStudied: 6 });
    expect(progress.memory.states.new).toBe(28);
    expect(progress.lab.exercises.map((e) => e.id)).toEqual(labExercises().map((e) => e.id));
  });

  it("filters every figure to one deck, and refuses a deck the learner does not study", async () => {
    const lee = await createLearner(t.db, "lee@example.com", { timeZone: "UTC" });
    const other = lee.cards.find((c) => c.note.deck.slug === "other")!;
    const ml = lee.cards.find((c) => c.note.deck.slug === "ml-qa")!;
    await writeLogs(t.db, lee.id, [
      { cardId: other.id, review: at("2026-05-10T12:00:00Z"), state: 0 },
      { cardId: ml.id, review: at("2026-05-10T12:00:00Z"), state: 0 },
      { cardId: ml.id, review: at("2026-05-10T12:10:00Z"), state: 1 },
    ]);
    const now = at("2026-05-10T13:00:00Z");
    const onlyOther = await loadProgress(t.db, lee.id, { deckSlug: "other", now });
    expect(onlyOther.deck?.slug).toBe("other");
    expect(answers(onlyOther.activity.periods.today)).toBe(1);
    expect(onlyOther.memory.states.new).toBe(3);
    // Every exercise practises ml-qa notes: none belongs to "other".
    expect(onlyOther.lab.exercises).toEqual([]);
    const onlyMl = await loadProgress(t.db, lee.id, { deckSlug: "ml-qa", now });
    expect(answers(onlyMl.activity.periods.today)).toBe(2);
    expect(onlyMl.lab.exercises.length).toBe(labExercises().length);

    await expect(loadProgress(t.db, lee.id, { deckSlug: "nope", now })).rejects.toBeInstanceOf(UnknownDeckError);
    await t.db.deckStudy.deleteMany({ where: { userId: lee.id, deck: { slug: "other" } } });
    await expect(loadProgress(t.db, lee.id, { deckSlug: "other", now })).rejects.toBeInstanceOf(UnknownDeckError);
  });
});
