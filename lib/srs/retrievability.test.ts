import { describe, expect, it } from "vitest";
import { retrievability } from "./retrievability";
import { DEFAULT_SETTINGS } from "./settings";
import { CardState, newCardMemory, type CardMemory } from "./types";

const lastReview = new Date("2026-05-01T10:00:00Z");
const reviewed: CardMemory = { ...newCardMemory(lastReview), state: CardState.Review, stability: 10, difficulty: 5, reps: 3, lastReview };
const at = (days: number) => new Date(lastReview.getTime() + days * 86_400_000);

describe("retrievability", () => {
  it("is 1 just after a review, 90% after `stability` days, and falls with time", () => {
    expect(retrievability(reviewed, lastReview, DEFAULT_SETTINGS)).toBe(1);
    expect(retrievability(reviewed, at(10), DEFAULT_SETTINGS)).toBeCloseTo(0.9, 6);
    const values = [1, 5, 20, 100].map((days) => retrievability(reviewed, at(days), DEFAULT_SETTINGS)!);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(retrievability(reviewed, at(0.5), DEFAULT_SETTINGS)).toBeLessThan(1);
  });

  it("is null for a card with no memory", () => {
    expect(retrievability(newCardMemory(lastReview), at(3), DEFAULT_SETTINGS)).toBeNull();
  });
});
