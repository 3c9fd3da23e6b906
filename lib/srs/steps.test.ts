import { describe, expect, it } from "vitest";
import { stepDelays } from "./steps";

const DAY = 86_400;

describe("stepDelays", () => {
  it("follows Anki's table for 1m 10m and 1m 10m 100m", () => {
    expect(stepDelays([1, 10], 0)).toEqual({ again: { step: 0, seconds: 60 }, hard: { step: 0, seconds: 330 }, good: { step: 1, seconds: 600 } });
    expect(stepDelays([1, 10], 1)).toEqual({ again: { step: 0, seconds: 60 }, hard: { step: 1, seconds: 600 }, good: null });
    expect(stepDelays([1, 10, 100], 0).hard).toEqual({ step: 0, seconds: 330 });
    expect(stepDelays([1, 10, 100], 1)).toEqual({ again: { step: 0, seconds: 60 }, hard: { step: 1, seconds: 600 }, good: { step: 2, seconds: 6000 } });
    expect(stepDelays([1, 10, 100], 2)).toEqual({ again: { step: 0, seconds: 60 }, hard: { step: 2, seconds: 6000 }, good: null });
  });

  it("makes Hard on a single step 1.5 times it, but at most a day more", () => {
    expect(stepDelays([10], 0).hard).toEqual({ step: 0, seconds: 900 });
    expect(stepDelays([3 * 1440], 0).hard).toEqual({ step: 0, seconds: 4 * DAY });
  });

  it("rounds a first-step Hard longer than a day to whole days", () => {
    // (1d + 2d) / 2 = 1.5d → 2d; (10m + 1d) / 2 stays in seconds.
    expect(stepDelays([1440, 2880], 0).hard).toEqual({ step: 0, seconds: 2 * DAY });
    expect(stepDelays([10, 1440], 0).hard).toEqual({ step: 0, seconds: (600 + DAY) / 2 });
  });

  it("treats a card past the last step (steps shortened) as on the last step", () => {
    expect(stepDelays([1, 10], 5)).toEqual(stepDelays([1, 10], 1));
    expect(stepDelays([1, 10], -1)).toEqual(stepDelays([1, 10], 0));
  });

  it("leaves learning on every answer when there are no steps", () => {
    expect(stepDelays([], 0)).toEqual({ again: null, hard: null, good: null });
  });
});
