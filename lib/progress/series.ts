// From the study days PostgreSQL counted to what the charts draw: every day of a range (empty ones too), days
// grouped by week for long ranges, and the calendar of the heatmap. Pure functions over a few hundred rows at most.
import type { DayTally, Tally } from "./activity";
import { answers } from "./activity";
import { addDays, daysBetween, weekdayOf } from "./days";

export const EMPTY_TALLY: Tally = { learnPass: 0, learnFail: 0, relearnPass: 0, relearnFail: 0, youngPass: 0, youngFail: 0, maturePass: 0, matureFail: 0, ms: 0 };

function add<T extends Tally>(a: T, b: Tally): T {
  const sum = { ...a };
  for (const key of Object.keys(EMPTY_TALLY) as Array<keyof Tally>) sum[key] += b[key];
  return sum;
}

export type Bucket = Tally & { first: string; last: string };

/**
 * The `days` days ending `today`, in buckets of `size` days (the last bucket ends today; the first may be partial
 * only if `days` is not a multiple of `size`), oldest first. `tallies`: sparse, ascending.
 */
export function bucketDays(tallies: readonly DayTally[], today: string, days: number, size = 1): Bucket[] {
  const count = Math.ceil(days / size);
  const start = addDays(today, -(days - 1));
  const buckets: Bucket[] = [];
  for (let i = 0; i < count; i++) {
    const last = addDays(today, -(count - 1 - i) * size);
    const first = i === 0 ? start : addDays(last, -(size - 1));
    buckets.push({ first, last, ...EMPTY_TALLY });
  }
  for (const tally of tallies) {
    const back = daysBetween(tally.day, today);
    if (back < 0 || back >= days) continue;
    const index = count - 1 - Math.floor(back / size);
    Object.assign(buckets[index]!, add(buckets[index]!, tally));
  }
  return buckets;
}

export type HeatmapCell = { day: string; count: number; level: 0 | 1 | 2 | 3 | 4 };

export type Heatmap = {
  /** Columns of 7 cells, Monday first; days before the range or after today are null. */
  weeks: Array<Array<HeatmapCell | null>>;
  /** Upper bounds of levels 1–3 (level 4 is above the last): quartiles of the days with reviews. */
  thresholds: [number, number, number];
  /** Where a month begins: the column and the first day of the month. */
  months: Array<{ week: number; day: string }>;
  /** Per calendar month of the range (YYYY-MM), for the heatmap's table. */
  byMonth: Array<{ month: string; reviews: number; daysStudied: number }>;
  first: string;
  total: number;
  daysStudied: number;
  busiest: { day: string; count: number } | null;
};

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** A year of study days ending `today`, laid out by week as a calendar heatmap, shaded by quartile. */
export function buildHeatmap(tallies: readonly DayTally[], today: string, days = 365): Heatmap {
  const first = addDays(today, -(days - 1));
  const counts = new Map<string, number>();
  for (const tally of tallies) if (tally.day >= first && tally.day <= today) counts.set(tally.day, answers(tally));
  const nonZero = [...counts.values()].filter((n) => n > 0).sort((a, b) => a - b);
  const thresholds: [number, number, number] = [quantile(nonZero, 0.25), quantile(nonZero, 0.5), quantile(nonZero, 0.75)];
  const level = (n: number): HeatmapCell["level"] => (n === 0 ? 0 : n <= thresholds[0] ? 1 : n <= thresholds[1] ? 2 : n <= thresholds[2] ? 3 : 4);

  const gridStart = addDays(first, -weekdayOf(first));
  const weekCount = Math.floor(daysBetween(gridStart, today) / 7) + 1;
  const weeks: Heatmap["weeks"] = [];
  const months: Heatmap["months"] = [];
  let busiest: Heatmap["busiest"] = null;
  const byMonth = new Map<string, { month: string; reviews: number; daysStudied: number }>();
  for (let w = 0; w < weekCount; w++) {
    const column: Array<HeatmapCell | null> = [];
    for (let d = 0; d < 7; d++) {
      const day = addDays(gridStart, w * 7 + d);
      if (day < first || day > today) {
        column.push(null);
        continue;
      }
      const count = counts.get(day) ?? 0;
      column.push({ day, count, level: level(count) });
      if (day.endsWith("-01") || day === first) months.push({ week: w, day });
      if (count > 0 && (!busiest || count > busiest.count)) busiest = { day, count };
      const month = byMonth.get(day.slice(0, 7)) ?? { month: day.slice(0, 7), reviews: 0, daysStudied: 0 };
      byMonth.set(month.month, { ...month, reviews: month.reviews + count, daysStudied: month.daysStudied + (count > 0 ? 1 : 0) });
    }
    weeks.push(column);
  }
  return {
    weeks,
    thresholds,
    months,
    byMonth: [...byMonth.values()],
    first,
    total: [...counts.values()].reduce((s, n) => s + n, 0),
    daysStudied: nonZero.length,
    busiest,
  };
}
