// Due dates: stored as instants, entered and shown as wall-clock time in the class's time zone.
import { canonicalTimeZone, instantOfWallTime, wallTimeAt } from "@/lib/srs/day";

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * `2026-12-04T23:59` (an `<input type="datetime-local">` value) read in `timeZone`, or null when it is not a real
 * date and time. A time skipped by a DST change becomes the moment the clock jumps; a repeated one its first instance.
 */
export function parseLocalDue(value: string, timeZone: string): Date | null {
  const match = LOCAL.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  return instantOfWallTime({ year, month, day, hour, minute }, timeZone);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The instant as a `datetime-local` value in `timeZone` (what the due-date field shows when editing). */
export function toLocalInput(instant: Date, timeZone: string): string {
  const wall = wallTimeAt(instant, timeZone);
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** `2026-12-04 23:59` in `timeZone`: sortable, unambiguous, what the gradebook and its CSV show. */
export function formatLocal(instant: Date, timeZone: string): string {
  return toLocalInput(instant, timeZone).replace("T", " ");
}

/** `Fri 4 Dec, 23:59` in `timeZone`, for people. */
export function formatDue(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(instant);
}

export function isTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== null;
}
