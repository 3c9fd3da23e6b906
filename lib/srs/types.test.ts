import { createEmptyCard, Rating as FsrsRating, State } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { fromFsrsCard } from "./fsrs-card";
import { CardState, isRating, newCardMemory, Rating, RATINGS } from "./types";

describe("CardState and Rating", () => {
  it("use ts-fsrs's numbers, so stored rows convert without a table", () => {
    expect(CardState).toEqual({
      New: State.New,
      Learning: State.Learning,
      Review: State.Review,
      Relearning: State.Relearning,
    });
    expect(Rating).toEqual({
      Again: FsrsRating.Again,
      Hard: FsrsRating.Hard,
      Good: FsrsRating.Good,
      Easy: FsrsRating.Easy,
    });
    expect(RATINGS).toEqual([1, 2, 3, 4]);
  });

  it("isRating accepts exactly 1 to 4", () => {
    expect([0, 1, 2, 3, 4, 5, 2.5, "3", null].filter(isRating)).toEqual([1, 2, 3, 4]);
  });
});

describe("newCardMemory", () => {
  it("is ts-fsrs's empty card, due now", () => {
    const now = new Date("2026-05-01T10:00:00.123Z");
    expect(newCardMemory(now)).toEqual(fromFsrsCard(createEmptyCard(now)));
    expect(newCardMemory(now)).toEqual({
      due: new Date("2026-05-01T10:00:00.123Z"),
      stability: 0,
      difficulty: 0,
      elapsedDays: 0,
      scheduledDays: 0,
      learningSteps: 0,
      reps: 0,
      lapses: 0,
      state: CardState.New,
      lastReview: null,
    });
  });

  it("does not share the caller's Date", () => {
    const now = new Date("2026-05-01T10:00:00Z");
    const memory = newCardMemory(now);
    now.setUTCFullYear(2030);
    expect(memory.due.toISOString()).toBe("2026-05-01T10:00:00.000Z");
  });
});
