// SQL shared by the progress queries: study days, and the learner's studied cards.
//
// A study day is lib/srs/day.ts's: it starts at the first instant the learner's clock reads the rollover hour.
// Timestamps are stored as UTC wall time (`timestamp(3)`). Converting each of 100,000 log rows to local time costs
// PostgreSQL ~1 µs a row, more than the rest of the query; so the boundaries of the study days are computed once
// (a few conversions a day) and rows are put in their day by a binary search over them (`width_bucket`).

/**
 * The study day (a `date`) of one UTC wall-time expression `column`: the local date of (local clock − rollover
 * hours), for a learner in time zone `tz` whose day starts at `rolloverHour`.
 */
export function studyDaySql(column: string, tz: string, rolloverHour: string): string {
  return `((${column} AT TIME ZONE 'UTC') AT TIME ZONE ${tz} - make_interval(hours => ${rolloverHour}))::date`;
}

/**
 * Rows `(day date, start timestamp)`: each study day from date `from` to date `to` and the UTC instant it starts.
 * Where the clock's offset is the same a day either side, the day starts where the clock reads the rollover hour;
 * near a DST change, at the first 15-minute step (every zone's offsets and changes fall on them) whose study day
 * has begun — the first instant at or after that reading, as lib/srs/day.ts has it, also when the hour is skipped
 * or repeated.
 */
export function studyDayStartsSql(from: string, to: string, tz: string, rolloverHour: string): string {
  const offset = (t: string) => `((${t}) AT TIME ZONE 'UTC' AT TIME ZONE ${tz} - (${t}))`;
  return `SELECT g::date AS day,
      CASE WHEN ${offset("w.at - interval '1 day'")} = ${offset("w.at + interval '1 day'")} THEN w.at
        ELSE (SELECT min(t) FROM generate_series(w.at - interval '3 hours', w.at + interval '3 hours', interval '15 minutes') t
              WHERE ${studyDaySql("t", tz, rolloverHour)} >= g::date) END AS start
    FROM generate_series((${from})::timestamp, (${to})::timestamp, interval '1 day') g,
      LATERAL (SELECT ((g + make_interval(hours => ${rolloverHour})) AT TIME ZONE ${tz}) AT TIME ZONE 'UTC' AS at) w`;
}

/**
 * One row `(first date, starts timestamp[])`: the study days from `from` to `to` as a sorted array of their starts,
 * so that `first + width_bucket(ts, starts) - 1` is the study day of `ts` (from the day before `from`).
 */
export function studyDayGridSql(from: string, to: string, tz: string, rolloverHour: string): string {
  return `SELECT min(day) AS first, array_agg(start ORDER BY day) AS starts FROM (${studyDayStartsSql(from, to, tz, rolloverHour)}) s`;
}

/**
 * The cards a learner studies now: one of the cards of a live note (not a removed cloze deletion's) in a live deck
 * they study (as the review queue counts them).
 */
export function studiedCardsSql(userParam: string, deckParam: string | null): string {
  return `"Card" c
  JOIN "Note" n ON n.id = c."noteId" AND n."retiredAt" IS NULL AND c.ordinal = ANY(n.ordinals)
  JOIN "Deck" d ON d.id = n."deckId" AND d."retiredAt" IS NULL
  JOIN "DeckStudy" s ON s."deckId" = d.id AND s."userId" = c."userId"
  WHERE c."userId" = ${userParam}${deckParam ? ` AND d.id = ${deckParam}` : ""}`;
}
