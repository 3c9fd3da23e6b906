import { describe, expect, it } from "vitest";
import type { DayTally } from "./activity";
import { answers } from "./activity";
import { weekdayOf } from "./days";
import { bucketDays, buildHeatmap, EMPTY_TALLY } from "./series";

const day = (key: string, youngPass: number, ms = 0): DayTally => ({ day: key, ...EMPTY_TALLY, youngPass, ms });
const today = "2026-03-10"; // a Tuesday

describe("bucketDays", () => {
  it("fills every day of the range, empty ones too, and leaves out days outside it", () => {
    const buckets = bucketDays([day("2026-02-01", 9), day("2026-03-08", 2, 100), day(today, 3)], today, 3);
    expect(buckets.map((b) => [b.first, b.last, answers(b)])).toEqual([
      ["2026-03-08", "2026-03-08", 2],
      ["2026-03-09", "2026-03-09", 0],
      [today, today, 3],
    ]);
    expect(buckets[0]!.ms).toBe(100);
  });

  it("groups a year by weeks ending today, the first one partial", () => {
    const tallies = [day("2025-03-11", 1), day("2025-03-12", 1), day("2026-03-03", 5), day("2026-03-04", 1), day(today, 2)];
    const buckets = bucketDays(tallies, today, 365, 7);
    expect(buckets).toHaveLength(53);
    expect(buckets[0]).toMatchObject({ first: "2025-03-11", last: "2025-03-11", youngPass: 1 });
    expect(buckets[1]).toMatchObject({ first: "2025-03-12", last: "2025-03-18", youngPass: 1 });
    expect(buckets.at(-1)).toMatchObject({ first: "2026-03-04", last: today, youngPass: 3 });
    expect(buckets.at(-2)).toMatchObject({ first: "2026-02-25", last: "2026-03-03", youngPass: 5 });
    expect(buckets.reduce((s, b) => s + answers(b), 0)).toBe(10);
  });
});

describe("buildHeatmap", () => {
  it("lays a year out by weeks from Monday, shades days by quartile and marks months", () => {
    const tallies = [day("2025-03-11", 1), day("2025-06-01", 2), day("2025-12-25", 3), day("2026-03-01", 4), day(today, 40)];
    const map = buildHeatmap(tallies, today);
    expect(map.first).toBe("2025-03-11");
    // 2025-03-11 is a Tuesday: the first column starts on Monday the 10th, which is outside the year.
    expect(map.weeks[0]![0]).toBeNull();
    expect(map.weeks[0]![1]).toEqual({ day: "2025-03-11", count: 1, level: 1 });
    const last = map.weeks.at(-1)!;
    expect(last[weekdayOf(today)]).toEqual({ day: today, count: 40, level: 4 });
    expect(last.slice(weekdayOf(today) + 1).every((cell) => cell === null)).toBe(true);
    expect(map.weeks.flat().filter((c) => c !== null)).toHaveLength(365);
    expect(map.thresholds).toEqual([2, 3, 4]);
    expect(map.weeks.flat().find((c) => c?.day === "2026-03-01")?.level).toBe(3);
    expect(map.months.map((m) => m.day)).toEqual([
      "2025-03-11", "2025-04-01", "2025-05-01", "2025-06-01", "2025-07-01", "2025-08-01", "2025-09-01", "2025-10-01", "2025-11-01", "2025-12-01", "2026-01-01", "2026-02-01", "2026-03-01",
    ]);
    expect(map).toMatchObject({ total: 50, daysStudied: 5, busiest: { day: today, count: 40 } });
    expect(map.byMonth).toHaveLength(13);
    expect(map.byMonth[0]).toEqual({ month: "2025-03", reviews: 1, daysStudied: 1 });
    expect(map.byMonth.at(-1)).toEqual({ month: "2026-03", reviews: 44, daysStudied: 2 });
    expect(map.byMonth.reduce((s, m) => s + m.reviews, 0)).toBe(50);
  });

  it("is all level 0 with no reviews", () => {
    const map = buildHeatmap([], today);
    expect(map.weeks.flat().every((c) => c === null || c.level === 0)).toBe(true);
    expect(map).toMatchObject({ total: 0, daysStudied: 0, busiest: null, thresholds: [0, 0, 0] });
  });
});
