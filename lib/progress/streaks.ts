// Streaks: runs of consecutive study days with at least one review.
import { addDays, daysBetween } from "./days";

export type Streak = { days: number; first: string | null; last: string | null };

export type Streaks = {
  /** The run that ends today, or yesterday while today has no review yet (it is not broken before the day ends). */
  current: Streak & { includesToday: boolean };
  longest: Streak;
};

const NONE: Streak = { days: 0, first: null, last: null };

/** `studied`: the study days with a review, ascending, none after `today`. */
export function computeStreaks(studied: readonly string[], today: string): Streaks {
  let longest = NONE;
  let run: Streak = NONE;
  for (const day of studied) {
    run = run.last !== null && daysBetween(run.last, day) === 1 ? { ...run, days: run.days + 1, last: day } : { days: 1, first: day, last: day };
    if (run.days > longest.days) longest = run;
  }
  const alive = run.last === today || run.last === addDays(today, -1);
  return {
    current: alive ? { ...run, includesToday: run.last === today } : { ...NONE, includesToday: false },
    longest,
  };
}
