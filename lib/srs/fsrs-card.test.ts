import { State } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { fromFsrsCard, toFsrsCard } from "./fsrs-card";
import { CardState, type CardMemory } from "./types";

const reviewed: CardMemory = {
  due: new Date("2026-05-10T08:30:00.250Z"),
  stability: 12.345678,
  difficulty: 5.4321,
  elapsedDays: 3,
  scheduledDays: 9,
  learningSteps: 0,
  reps: 7,
  lapses: 1,
  state: CardState.Review,
  lastReview: new Date("2026-05-01T08:30:00.250Z"),
};

describe("toFsrsCard / fromFsrsCard", () => {
  it("map every field to ts-fsrs's names and back unchanged", () => {
    const card = toFsrsCard(reviewed);
    expect(card).toEqual({
      due: reviewed.due,
      stability: 12.345678,
      difficulty: 5.4321,
      elapsed_days: 3,
      scheduled_days: 9,
      learning_steps: 0,
      reps: 7,
      lapses: 1,
      state: State.Review,
      last_review: reviewed.lastReview,
    });
    expect(fromFsrsCard(card)).toEqual(reviewed);
  });

  it("turn a missing last review into null and back into undefined", () => {
    const fresh: CardMemory = { ...reviewed, state: CardState.New, reps: 0, lapses: 0, lastReview: null };
    expect(toFsrsCard(fresh).last_review).toBeUndefined();
    expect(fromFsrsCard(toFsrsCard(fresh)).lastReview).toBeNull();
  });

  it("copy dates both ways", () => {
    const card = toFsrsCard(reviewed);
    expect(card.due).not.toBe(reviewed.due);
    const back = fromFsrsCard(card);
    card.due.setUTCFullYear(2000);
    expect(back.due.toISOString()).toBe("2026-05-10T08:30:00.250Z");
  });
});
