import { describe, expect, it } from "vitest";
import { RETENTION_GRID, simulateYear, suggestRetention, type YearInput, type YearOutcome } from "./simulate";

const collection: YearInput = {
  parameters: [],
  cards: Array.from({ length: 300 }, (_, i) => ({ stability: 1 + (i % 40), difficulty: 3 + (i % 6), lastDay: -(i % 20), dueDay: i % 15 })),
  newCards: 700,
  newPerDay: 10,
  maxReviewsPerDay: 9999,
  maximumInterval: 36500,
  learningSteps: 2,
  relearningSteps: 1,
  costs: { learning: [20, 18, 14, 10], review: [19, 17, 12, 9], relearning: [16, 15, 12, 8] },
  firstRating: [0.24, 0.094, 0.495, 0.171],
  recallRating: [0.224, 0.631, 0.145],
  days: 365,
  seed: 1,
};

describe("a simulated year of reviews", () => {
  it("is the same for the same seed, and differs for another", () => {
    expect(simulateYear(collection, 0.9)).toEqual(simulateYear(collection, 0.9));
    expect(simulateYear({ ...collection, seed: 2 }, 0.9)).not.toEqual(simulateYear(collection, 0.9));
  });

  it("costs more reviews and keeps more in memory at a higher desired retention", () => {
    const low = simulateYear(collection, 0.7);
    const high = simulateYear(collection, 0.97);
    expect(high.reviewsPerDay).toBeGreaterThan(low.reviewsPerDay * 2);
    expect(high.minutesPerDay).toBeGreaterThan(low.minutesPerDay);
    expect(high.remembered).toBeGreaterThan(low.remembered);
    // Every new card is introduced at 10 a day: 700 of them take 70 days.
    expect(low.newPerDay * 365).toBeCloseTo(700, 5);
  });

  it("never answers more reviews a day than the learner's limit", () => {
    const limited = simulateYear({ ...collection, maxReviewsPerDay: 15 }, 0.95);
    expect(limited.reviewsPerDay).toBeLessThanOrEqual(15);
    expect(limited.reviewsPerDay).toBeGreaterThan(14);
  });

  it("of an empty collection is empty", () => {
    expect(simulateYear({ ...collection, cards: [], newCards: 0 }, 0.9)).toEqual({
      desiredRetention: 0.9,
      reviewsPerDay: 0,
      newPerDay: 0,
      minutesPerDay: 0,
      remembered: 0,
      rememberedPerHour: 0,
    });
  });

  it("suggests the retention with the most memory per hour of review, within 70–97 %", () => {
    const outcomes = RETENTION_GRID.map((retention) => simulateYear(collection, retention));
    const suggested = suggestRetention(outcomes);
    const best = Math.max(...outcomes.map((outcome) => outcome.rememberedPerHour));
    expect(outcomes.find((outcome) => outcome.desiredRetention === suggested)!.rememberedPerHour).toBe(best);
    expect(RETENTION_GRID[0]).toBe(0.7);
    expect(RETENTION_GRID[RETENTION_GRID.length - 1]).toBe(0.97);
    // Memory per minute falls off at the high end: 97 % costs far more per card remembered than the suggestion.
    expect(outcomes.at(-1)!.rememberedPerHour).toBeLessThan(best * 0.9);
    const tie = (retention: number, perHour: number): YearOutcome => ({ desiredRetention: retention, reviewsPerDay: 0, newPerDay: 0, minutesPerDay: 0, remembered: 0, rememberedPerHour: perHour });
    expect(suggestRetention([tie(0.8, 5), tie(0.85, 7), tie(0.9, 7)])).toBe(0.85);
  });
});
