import { describe, expect, it } from "vitest";
import { seededRandom } from "./random";

describe("seededRandom", () => {
  it("repeats itself for a seed and differs between seeds", () => {
    expect(seededRandom(1).normalArray(5)).toEqual(seededRandom(1).normalArray(5));
    expect(seededRandom(1).next()).not.toBe(seededRandom(2).next());
  });

  it("draws in range, and probability vectors sum to 1", () => {
    const rng = seededRandom(9);
    const values = rng.uniformArray(1000, -2, 3);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...values)).toBeLessThan(3);
    const p = rng.probabilities(7);
    expect(p.every((x) => x > 0)).toBe(true);
    expect(p.reduce((sum, x) => sum + x, 0)).toBeCloseTo(1, 12);
    const normals = rng.normalArray(4000, 2, 0.5);
    const mean = normals.reduce((sum, x) => sum + x, 0) / normals.length;
    expect(mean).toBeCloseTo(2, 1);
  });
});
