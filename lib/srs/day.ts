const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A learner's study day: [start, end), and its calendar date in their zone. */
export interface StudyDay {
  start: Date;
  end: Date;
  /** YYYY-MM-DD of the local date the study day starts on. */
  key: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** What a wall clock in `timeZone` reads at `instantMs`, written as if that reading were UTC (Intl, uncached). */
function readWallClock(instantMs: number, timeZone: string): number {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) parts[part.type] = Number(part.value);
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  const ms = ((instantMs % 1000) + 1000) % 1000;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

// A zone's offset from UTC changes at most once in a quarter of an hour, so it is remembered per quarter hour once
// both ends of it agree: most instants then cost a map lookup instead of an Intl call.
const QUARTER_HOUR_MS = 15 * 60_000;
const offsets = new Map<string, number>();
const MAX_REMEMBERED_OFFSETS = 50_000;

/** What a wall clock in `timeZone` reads at `instantMs`, written as if that reading were UTC. */
function wallClock(instantMs: number, timeZone: string): number {
  const quarter = Math.floor(instantMs / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const id = `${timeZone}|${quarter}`;
  let offset = offsets.get(id);
  if (offset === undefined) {
    const last = quarter + QUARTER_HOUR_MS - 1000;
    const atStart = readWallClock(quarter, timeZone) - quarter;
    // The clock changes inside this quarter hour: read this instant itself.
    if (readWallClock(last, timeZone) - last !== atStart) return readWallClock(instantMs, timeZone);
    offset = atStart;
    if (offsets.size >= MAX_REMEMBERED_OFFSETS) offsets.clear();
    offsets.set(id, offset);
  }
  return instantMs + offset;
}

/**
 * The first instant at which the clock in `timeZone` reads `wall` or later: the earlier one when the reading occurs
 * twice (fall back), the moment the clock jumps over it when it never occurs (spring forward).
 */
function firstInstantAtOrAfter(wall: number, timeZone: string): number {
  // The offsets a day either side bracket the (at most one) transition near `wall`.
  const offsetBefore = wallClock(wall - DAY_MS, timeZone) - (wall - DAY_MS);
  const offsetAfter = wallClock(wall + DAY_MS, timeZone) - (wall + DAY_MS);
  const exact = [wall - offsetBefore, wall - offsetAfter].filter((t) => wallClock(t, timeZone) === wall);
  if (exact.length > 0) return Math.min(...exact);

  // In a gap: the clock reads before `wall` at `low` and past it at `high`; find the jump.
  let low = wall - Math.max(offsetBefore, offsetAfter);
  let high = wall - Math.min(offsetBefore, offsetAfter);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (wallClock(middle, timeZone) >= wall) high = middle;
    else low = middle;
  }
  return high;
}

// A study day is a fixed fact of its zone, rollover hour and date, and finding its bounds takes several Intl calls:
// they are remembered (the answers of one learner ask for the same few days again and again).
const days = new Map<string, { start: number; end: number; key: string }>();
const MAX_REMEMBERED_DAYS = 10_000;

/** The study day whose local date starts at `localMidnight` (a wall-clock reading written as UTC). */
function dayStartingAt(localMidnight: number, timeZone: string, rolloverHour: number): StudyDay {
  const id = `${timeZone}|${rolloverHour}|${localMidnight}`;
  let day = days.get(id);
  if (!day) {
    const rollover = rolloverHour * HOUR_MS;
    day = {
      start: firstInstantAtOrAfter(localMidnight + rollover, timeZone),
      end: firstInstantAtOrAfter(localMidnight + DAY_MS + rollover, timeZone),
      key: new Date(localMidnight).toISOString().slice(0, 10),
    };
    if (days.size >= MAX_REMEMBERED_DAYS) days.clear();
    days.set(id, day);
  }
  // Fresh Dates each time: callers own what they are given.
  return { start: new Date(day.start), end: new Date(day.end), key: day.key };
}

/**
 * The study day containing `now` for a learner in `timeZone` whose day starts at `rolloverHour` local time
 * (Anki's "next day starts at"). Days are 23 or 25 hours long across DST changes.
 */
export function studyDay(now: Date, timeZone: string, rolloverHour: number): StudyDay {
  const wall = wallClock(now.getTime(), timeZone);
  let localMidnight = Math.floor(wall / DAY_MS) * DAY_MS;
  if (wall - localMidnight < rolloverHour * HOUR_MS) localMidnight -= DAY_MS;
  return dayStartingAt(localMidnight, timeZone, rolloverHour);
}

/** The study day `days` days after `day` (before it when negative), DST-correct. */
export function studyDayAfter(day: StudyDay, days: number, timeZone: string, rolloverHour: number): StudyDay {
  return dayStartingAt(Date.parse(`${day.key}T00:00:00Z`) + days * DAY_MS, timeZone, rolloverHour);
}

/** Whole study days from the day keyed `from` to the day keyed `to` (YYYY-MM-DD keys). */
export function studyDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** A wall-clock reading: what a clock in some time zone shows (month 1–12). */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/**
 * The instant a clock in `timeZone` reads `wall`: the earlier one when the reading occurs twice (fall back), the
 * moment the clock jumps over it when it never occurs (spring forward). For deadlines entered in a zone.
 */
export function instantOfWallTime(wall: WallTime, timeZone: string): Date {
  return new Date(firstInstantAtOrAfter(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute), timeZone));
}

/** What a clock in `timeZone` reads at `instant` (seconds dropped). */
export function wallTimeAt(instant: Date, timeZone: string): WallTime {
  const wall = new Date(wallClock(instant.getTime(), timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(), hour: wall.getUTCHours(), minute: wall.getUTCMinutes() };
}

// Time zones' canonical names, asked of Intl once per name: stored settings are validated on every answer, and asking
// costs ~0.1 ms. Intl reads names without regard to case, so the table is keyed by the lower-cased name and only
// names Intl accepts are kept: it is bounded by the time zones that exist, whatever is typed into a form.
const canonicalZones = new Map<string, string>();

/** The canonical spelling of a time zone name ("america/new_york" → "America/New_York"), or null for none we know. */
export function canonicalTimeZone(name: string): string | null {
  if (!name || name.length > 64) return null;
  const key = name.toLowerCase();
  const known = canonicalZones.get(key);
  if (known !== undefined) return known;
  try {
    const canonical = new Intl.DateTimeFormat("en-US", { timeZone: key }).resolvedOptions().timeZone;
    canonicalZones.set(key, canonical);
    return canonical;
  } catch {
    return null;
  }
}
