// The review log as the optimizer reads it, after Anki (rslib/src/scheduler/fsrs/params.rs, `reviews_for_fsrs`):
// per card, its ratings in time order since its last reset (a reset card starts a new history; one that was reset
// and not rated since has none), each with the study days since the previous rating (from the `studyDay` each row
// stores, so the learner's rollover hour and time zone at the time count, not UTC dates). Only RATING rows are
// answers: lab reschedules, resets and reschedules are not, and an undone answer has no row (undo deletes it).
// A card whose kept history does not start with a rating of the new card (a history it cannot replay) is left out.
// Filtering and the study-day arithmetic run in PostgreSQL, a batch of cards at a time.
import type { Db } from "@/lib/db";

export type CardHistory = {
  cardId: string;
  /** 1–4, in time order. */
  ratings: number[];
  /** Study days since the previous rating (0 for the first, and for another rating the same study day). */
  deltaTs: number[];
  /** When each rating was given, ms since the epoch. */
  times: number[];
};

// The kept ratings of the learner's cards that `cards` selects, with their deltas; $1 is the learner. Two windows over
// one scan (the last reset of each card, then each kept rating's predecessor), with no join whose size the planner
// must guess.
const kept = (cards: string) => `
  events AS (
    SELECT l."cardId", l.id, l.review, l.rating, l.kind, l.state, l."studyDay",
      max(l.review) FILTER (WHERE l.kind = 'RESET'::"ReviewKind") OVER (PARTITION BY l."cardId") AS "lastReset"
    FROM "ReviewLog" l
    WHERE l."userId" = $1 AND ${cards} AND l.kind IN ('RATING'::"ReviewKind", 'RESET'::"ReviewKind")
  ),
  kept AS (
    SELECT "cardId", id, review, rating,
      "studyDay" - lag("studyDay") OVER card AS delta,
      first_value(state) OVER card AS "firstState"
    FROM events
    WHERE kind = 'RATING'::"ReviewKind" AND ("lastReset" IS NULL OR review > "lastReset")
    WINDOW card AS (PARTITION BY "cardId" ORDER BY review, id)
  )`;

const BATCH = 2000;

/** The learner's card histories, read `BATCH` cards at a time (memory stays flat for 100,000 reviews). */
export async function* readCardHistories(db: Db, userId: string): AsyncGenerator<CardHistory[]> {
  const cards = await db.pool.query<{ id: string }>(
    `SELECT DISTINCT "cardId" AS id FROM "ReviewLog" WHERE "userId" = $1 AND kind = 'RATING'::"ReviewKind" ORDER BY 1`,
    [userId],
  );
  const ids = cards.rows.map((row) => row.id);
  for (let i = 0; i < ids.length; i += BATCH) {
    const rows = await db.pool.query<{ cardId: string; ratings: number[]; deltas: number[]; times: number[] }>(
      `WITH ${kept(`l."cardId" = ANY($2::text[])`)}
       SELECT "cardId", array_agg(rating ORDER BY review, id) AS ratings,
         array_agg(greatest(coalesce(delta, 0), 0) ORDER BY review, id) AS deltas,
         array_agg((extract(epoch FROM review) * 1000)::float8 ORDER BY review, id) AS times
       FROM kept WHERE "firstState" = 0 GROUP BY "cardId" ORDER BY "cardId"`,
      [userId, ids.slice(i, i + BATCH)],
    );
    yield rows.rows.map((row) => ({ cardId: row.cardId, ratings: row.ratings, deltaTs: row.deltas, times: row.times }));
  }
}

export type UsableReviews = {
  /** Ratings the optimizer reads. */
  reviews: number;
  /** Of those, the ones it learns from: a later study day than the card's previous rating. */
  items: number;
};

/** How much of the learner's history the optimizer can use, counted in SQL (the same rules as `readCardHistories`). */
export async function countUsableReviews(db: Db, userId: string): Promise<UsableReviews> {
  const rows = await db.pool.query<UsableReviews>(
    `WITH ${kept("true")}
     SELECT (count(*) FILTER (WHERE "firstState" = 0))::int AS reviews,
       (count(*) FILTER (WHERE "firstState" = 0 AND delta > 0))::int AS items
     FROM kept`,
    [userId],
  );
  return rows.rows[0] ?? { reviews: 0, items: 0 };
}
