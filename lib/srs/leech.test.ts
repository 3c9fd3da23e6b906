import { describe, expect, it } from "vitest";
import { leechThresholdMet } from "./leech";

describe("leechThresholdMet", () => {
  it("is met at the threshold and every half threshold after it, as in Anki", () => {
    const met = (threshold: number) => Array.from({ length: 17 }, (_, lapses) => lapses).filter((lapses) => leechThresholdMet(lapses, threshold));
    expect(met(8)).toEqual([8, 12, 16]);
    expect(met(3)).toEqual([3, 5, 7, 9, 11, 13, 15]);
    expect(met(1)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect(met(0)).toEqual([]);
  });
});
