// SQL shared by the progress queries.

/**
 * The study day (a `date`) of a `timestamp(3)` column holding UTC wall time, for a learner in time zone `tz` whose
 * day starts at `rolloverHour` local time: the local date of (local wall clock − rollover hours). This is
 * lib/srs/day.ts's definition, computed by PostgreSQL so days are right across DST changes (checked against it in
 * progress.int.test.ts).
 */
export function studyDaySql(column: string, tz: string, rolloverHour: string): string {
  return `((${column} AT TIME ZONE 'UTC') AT TIME ZONE ${tz} - make_interval(hours => ${rolloverHour}))::date`;
}

/** The cards a learner studies now: of a live note in a live deck they study (as the review queue counts them). */
export function studiedCardsSql(userParam: string, deckParam: string | null): string {
  return `"Card" c
  JOIN "Note" n ON n.id = c."noteId" AND n."retiredAt" IS NULL
  JOIN "Deck" d ON d.id = n."deckId" AND d."retiredAt" IS NULL
  JOIN "DeckStudy" s ON s."deckId" = d.id AND s."userId" = c."userId"
  WHERE c."userId" = ${userParam}${deckParam ? ` AND d.id = ${deckParam}` : ""}`;
}
