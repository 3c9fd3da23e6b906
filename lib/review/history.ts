// What a learner has done: answers per study day, for the home page.
import type { Db } from "@/lib/db";
import { studyDay } from "@/lib/srs";
import type { Settings } from "@/lib/srs/settings";

export type DayActivity = { day: string; reviews: number; again: number };

/** Answers per study day over the last `days` days (oldest first), in the learner's time zone and rollover hour. */
export async function reviewActivity(db: Db, userId: string, settings: Settings, days = 14, now = new Date()): Promise<DayActivity[]> {
  const today = studyDay(now, settings.timeZone, settings.rolloverHour);
  const since = new Date(today.start.getTime() - (days - 1) * 86_400_000 - 3 * 3_600_000);
  const rows = await db.$queryRaw<Array<{ review: Date; rating: number }>>`
    SELECT review, rating FROM "ReviewLog"
    WHERE "userId" = ${userId} AND kind = 'RATING'::"ReviewKind" AND review >= ${since}`;
  const byDay = new Map<string, DayActivity>();
  // Walk back day by day so DST-shortened and -lengthened days keep their own keys.
  let cursor = today;
  for (let i = 0; i < days; i++) {
    byDay.set(cursor.key, { day: cursor.key, reviews: 0, again: 0 });
    cursor = studyDay(new Date(cursor.start.getTime() - 1), settings.timeZone, settings.rolloverHour);
  }
  for (const row of rows) {
    const entry = byDay.get(studyDay(row.review, settings.timeZone, settings.rolloverHour).key);
    if (!entry) continue;
    entry.reviews++;
    if (row.rating === 1) entry.again++;
  }
  return [...byDay.values()].reverse();
}
