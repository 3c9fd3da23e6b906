import { describe, expect, it } from "vitest";
import { addDays } from "./days";
import { computeStreaks } from "./streaks";

const today = "2026-03-10";
const back = (n: number) => addDays(today, -n);

describe("computeStreaks", () => {
  it("is empty with no reviews", () => {
    expect(computeStreaks([], today)).toEqual({
      current: { days: 0, first: null, last: null, includesToday: false },
      longest: { days: 0, first: null, last: null },
    });
  });

  it("counts the run ending today", () => {
    const s = computeStreaks([back(5), back(2), back(1), back(0)], today);
    expect(s.current).toEqual({ days: 3, first: back(2), last: today, includesToday: true });
    expect(s.longest).toEqual({ days: 3, first: back(2), last: today });
  });

  it("keeps yesterday's run alive until today ends", () => {
    const s = computeStreaks([back(3), back(2), back(1)], today);
    expect(s.current).toEqual({ days: 3, first: back(3), last: back(1), includesToday: false });
  });

  it("breaks the run after a day without reviews", () => {
    const s = computeStreaks([back(4), back(3), back(2)], today);
    expect(s.current.days).toBe(0);
    expect(s.longest).toEqual({ days: 3, first: back(4), last: back(2) });
  });

  it("keeps the first of two longest runs and crosses month and year ends", () => {
    const s = computeStreaks(["2025-12-30", "2025-12-31", "2026-01-01", "2026-02-27", "2026-02-28", "2026-03-01", today], today);
    expect(s.longest).toEqual({ days: 3, first: "2025-12-30", last: "2026-01-01" });
    expect(s.current).toEqual({ days: 1, first: today, last: today, includesToday: true });
  });

  it("matches a brute-force count on random calendars", () => {
    for (let trial = 0; trial < 200; trial++) {
      const studied = Array.from({ length: 60 }, (_, i) => back(59 - i)).filter(() => Math.random() < 0.7);
      const set = new Set(studied);
      let longest = 0;
      for (const day of studied) {
        let n = 0;
        while (set.has(addDays(day, n))) n++;
        longest = Math.max(longest, n);
      }
      let current = 0;
      const end = set.has(today) ? 0 : 1;
      while (set.has(back(end + current))) current++;
      const s = computeStreaks(studied, today);
      expect(s.longest.days).toBe(longest);
      expect(s.current.days).toBe(current);
    }
  });
});
