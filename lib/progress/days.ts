// Study days as their calendar keys ("2026-11-30"): the arithmetic the charts need, on dates alone (no clock, no
// time zone), so a day is one step whatever its length in hours.
const DAY_MS = 86_400_000;

function toUtc(key: string): number {
  const [y, m, d] = key.split("-").map(Number);
  return Date.UTC(y!, m! - 1, d!);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(key: string, days: number): string {
  return fromUtc(toUtc(key) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** 0 Monday … 6 Sunday. */
export function weekdayOf(key: string): number {
  return (new Date(toUtc(key)).getUTCDay() + 6) % 7;
}

const labels = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short", year: "numeric" });
const shortLabels = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short" });
const monthLabels = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "short" });
const monthYearLabels = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "long", year: "numeric" });

/** "Mon 30 Nov 2026". */
export function formatDay(key: string): string {
  return labels.format(toUtc(key)).replace(",", "");
}

/** "30 Nov". */
export function formatShortDay(key: string): string {
  return shortLabels.format(toUtc(key));
}

/** "Nov". */
export function formatMonth(key: string): string {
  return monthLabels.format(toUtc(key));
}

/** "November 2026". */
export function formatMonthYear(key: string): string {
  return monthYearLabels.format(toUtc(key));
}
