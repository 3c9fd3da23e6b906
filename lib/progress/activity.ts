// What a learner has done: their answers per study day and over the usual periods, counted by PostgreSQL in one
// pass over their review log. Only ratings count (a reset or a lab reschedule is not a review); an undone answer
// is a deleted row, so it is not counted at all.
import type { Db } from "@/lib/db";
import { queryPrepared } from "@/lib/db/prepared";
import { studyDayGridSql } from "./sql";

/** Intervals of this many days or more make a review card mature (Anki's threshold). */
export const MATURE_DAYS = 21;

/**
 * Answers split by the card's state before them, as Anki's statistics do: `learn` (a new or learning card),
 * `relearn`, `young` (a review card whose interval was under 21 days) and `mature`; `pass` is any rating but Again.
 */
export type Tally = {
  learnPass: number;
  learnFail: number;
  relearnPass: number;
  relearnFail: number;
  youngPass: number;
  youngFail: number;
  maturePass: number;
  matureFail: number;
  /** Time spent answering, as the review screen measured it. */
  ms: number;
};

export type DayTally = Tally & { day: string };

export const PERIODS = ["today", "yesterday", "week", "month", "quarter", "year", "all"] as const;
export type Period = (typeof PERIODS)[number];

/** Days back from today (inclusive) each period covers; `all` has no start. */
export const PERIOD_DAYS: Record<Period, { first: number | null; last: number }> = {
  today: { first: 0, last: 0 },
  yesterday: { first: 1, last: 1 },
  week: { first: 6, last: 0 },
  month: { first: 29, last: 0 },
  quarter: { first: 89, last: 0 },
  year: { first: 364, last: 0 },
  all: { first: null, last: 0 },
};

export type PeriodTally = Tally & { period: Period; daysStudied: number };

export type Activity = { days: DayTally[]; periods: Record<Period, PeriodTally> };

const COUNTS = ["learnPass", "learnFail", "relearnPass", "relearnFail", "youngPass", "youngFail", "maturePass", "matureFail", "ms"] as const;

function activitySql(byDeck: boolean): string {
  const periods = PERIODS.map((p) => `('${p}', ${PERIOD_DAYS[p].first ?? "NULL"}, ${PERIOD_DAYS[p].last})`).join(", ");
  return `
    WITH grid AS (
      ${studyDayGridSql(`(SELECT min(review) FROM "ReviewLog" WHERE "userId" = $1)::date - 2`, "$4::date + 1", "$2", "$3::int")}
    ), daily AS (
      SELECT grid.first + width_bucket(l.review, grid.starts) - 1 AS day,
        count(*) FILTER (WHERE l.state IN (0, 1) AND l.rating > 1) AS "learnPass",
        count(*) FILTER (WHERE l.state IN (0, 1) AND l.rating = 1) AS "learnFail",
        count(*) FILTER (WHERE l.state = 3 AND l.rating > 1) AS "relearnPass",
        count(*) FILTER (WHERE l.state = 3 AND l.rating = 1) AS "relearnFail",
        count(*) FILTER (WHERE l.state = 2 AND l."scheduledDays" < ${MATURE_DAYS} AND l.rating > 1) AS "youngPass",
        count(*) FILTER (WHERE l.state = 2 AND l."scheduledDays" < ${MATURE_DAYS} AND l.rating = 1) AS "youngFail",
        count(*) FILTER (WHERE l.state = 2 AND l."scheduledDays" >= ${MATURE_DAYS} AND l.rating > 1) AS "maturePass",
        count(*) FILTER (WHERE l.state = 2 AND l."scheduledDays" >= ${MATURE_DAYS} AND l.rating = 1) AS "matureFail",
        coalesce(sum(l."durationMs"), 0)::int8 AS ms
      FROM grid, "ReviewLog" l
      WHERE l."userId" = $1 AND l.kind = 'RATING'::"ReviewKind" AND l.review < $5${
        byDeck ? ` AND l."cardId" IN (SELECT c.id FROM "Card" c JOIN "Note" n ON n.id = c."noteId" WHERE c."userId" = $1 AND n."deckId" = $6)` : ""
      }
      GROUP BY 1
    )
    SELECT 'day' AS bucket, day::text AS day, 1 AS "daysStudied", ${COUNTS.map((c) => `"${c}"`).join(", ")}
    FROM daily WHERE day <= $4::date
    UNION ALL
    SELECT p.name, NULL, count(d.day), ${COUNTS.map((c) => `coalesce(sum(d."${c}"), 0)::int8`).join(", ")}
    FROM (VALUES ${periods}) AS p(name, first_back, last_back)
    LEFT JOIN daily d ON d.day <= $4::date - p.last_back AND (p.first_back IS NULL OR d.day >= $4::date - p.first_back)
    GROUP BY p.name`;
}

type Row = Tally & { bucket: "day" | Period; day: string | null; daysStudied: number };

function tallyOf(row: Row): Tally {
  return Object.fromEntries(COUNTS.map((c) => [c, Number(row[c])])) as Tally;
}

export type ActivityQuery = { userId: string; timeZone: string; rolloverHour: number; today: string; now: Date; deckId: string | null };

/** Every study day with an answer (ascending, up to `today`) and the totals of each period ending today. */
export async function loadActivity(db: Db, q: ActivityQuery): Promise<Activity> {
  const byDeck = q.deckId !== null;
  const rows = await queryPrepared<Row>(
    db,
    byDeck ? "progress-activity-deck" : "progress-activity",
    activitySql(byDeck),
    [q.userId, q.timeZone, q.rolloverHour, q.today, q.now, ...(byDeck ? [q.deckId] : [])],
  );
  const days: DayTally[] = [];
  const periods = {} as Record<Period, PeriodTally>;
  for (const row of rows) {
    if (row.bucket === "day") days.push({ day: row.day!, ...tallyOf(row) });
    else periods[row.bucket] = { period: row.bucket, daysStudied: Number(row.daysStudied), ...tallyOf(row) };
  }
  days.sort((a, b) => (a.day < b.day ? -1 : 1));
  return { days, periods };
}

/** Answers in a tally (every kind). */
export function answers(t: Tally): number {
  return t.learnPass + t.learnFail + t.relearnPass + t.relearnFail + t.youngPass + t.youngFail + t.maturePass + t.matureFail;
}
