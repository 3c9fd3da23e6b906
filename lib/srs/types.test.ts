import { createEmptyCard, Rating as FsrsRating, State } from "ts-fsrs";
import { describe, expect, it } from "vitest";
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

// ts-fsrs's field names as ours: CardMemory mirrors its Card in camelCase.
const camelCase = (card: object): Record<string, unknown> =>
  Object.fromEntries(Object.entries(card).map(([key, value]) => [key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()), value]));

describe("newCardMemory", () => {
  it("is ts-fsrs's empty card, due now: every field under ts-fsrs's name with its value", () => {
    const now = new Date("2026-05-01T10:00:00.123Z");
    const memory = newCardMemory(now);
    const empty = camelCase(createEmptyCard(now));
    for (const [field, value] of Object.entries(memory)) expect({ [field]: value }).toEqual({ [field]: empty[field] ?? null });
    expect(memory.due).toEqual(now);
  });

  it("does not share the caller's Date", () => {
    const now = new Date("2026-05-01T10:00:00Z");
    const memory = newCardMemory(now);
    now.setUTCFullYear(2030);
    expect(memory.due.toISOString()).toBe("2026-05-01T10:00:00.000Z");
  });
});
