// What a learner has done: answers per study day, for the home page.
import type { Db } from "@/lib/db";
import { studyDay, studyDayAfter } from "@/lib/srs";
import type { Settings } from "@/lib/srs/settings";

export type DayActivity = { day: string; reviews: number; again: number };

/**
 * Answers per study day over the last `days` days (oldest first), counted in SQL by the study day each answer was
 * logged in; days without answers are listed with zeros.
 */
export async function reviewActivity(db: Db, userId: string, settings: Settings, days = 14, now = new Date()): Promise<DayActivity[]> {
  const today = studyDay(now, settings.timeZone, settings.rolloverHour);
  const first = studyDayAfter(today, -(days - 1), settings.timeZone, settings.rolloverHour);
  // The time bound keeps the (userId, review) index range; a day of margin covers a learner who changed time zone.
  const since = new Date(first.start.getTime() - 86_400_000);
  const rows = await db.$queryRaw<Array<{ day: string; reviews: number; again: number }>>`
    SELECT to_char("studyDay", 'YYYY-MM-DD') AS day, count(*)::int AS reviews, (count(*) FILTER (WHERE rating = 1))::int AS again
    FROM "ReviewLog"
    WHERE "userId" = ${userId} AND kind = 'RATING'::"ReviewKind" AND review >= ${since} AND "studyDay" >= ${first.key}::date
    GROUP BY 1`;
  const byDay = new Map(rows.map((row) => [row.day, row]));
  return Array.from({ length: days }, (_, i) => {
    const key = new Date(Date.parse(`${first.key}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
    const row = byDay.get(key);
    return { day: key, reviews: row?.reviews ?? 0, again: row?.again ?? 0 };
  });
}
