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

/** What a wall clock in `timeZone` reads at `instantMs`, written as if that reading were UTC. */
function wallClock(instantMs: number, timeZone: string): number {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) parts[part.type] = Number(part.value);
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  const ms = ((instantMs % 1000) + 1000) % 1000;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
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

/**
 * The study day containing `now` for a learner in `timeZone` whose day starts at `rolloverHour` local time
 * (Anki's "next day starts at"). Days are 23 or 25 hours long across DST changes.
 */
export function studyDay(now: Date, timeZone: string, rolloverHour: number): StudyDay {
  const wall = wallClock(now.getTime(), timeZone);
  let localMidnight = Math.floor(wall / DAY_MS) * DAY_MS;
  if (wall - localMidnight < rolloverHour * HOUR_MS) localMidnight -= DAY_MS;
  const rollover = rolloverHour * HOUR_MS;
  return {
    start: new Date(firstInstantAtOrAfter(localMidnight + rollover, timeZone)),
    end: new Date(firstInstantAtOrAfter(localMidnight + DAY_MS + rollover, timeZone)),
    key: new Date(localMidnight).toISOString().slice(0, 10),
  };
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
