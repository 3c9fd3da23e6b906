// What a learner has done in the lab: per exercise, attempts, the best score the server gave, how many attempts
// came before the first pass, and the last submission; and the Q&A notes that lab misses sent back to review.
import type { Db } from "@/lib/db";
import { queryPrepared } from "@/lib/db/prepared";

export type ExerciseProgress = {
  id: string;
  title: string;
  attempts: number;
  passed: boolean;
  /** Failed or errored submissions before the first pass (all of them while it has not passed). */
  attemptsBeforePass: number;
  firstPassAt: Date | null;
  best: { points: number; maxPoints: number } | null;
  last: { at: Date; status: string } | null;
};

export type LabMissNote = {
  deckSlug: string;
  deckTitle: string;
  number: number;
  question: string;
  times: number;
  lastAt: Date;
  reason: string | null;
  /** Whether the card has been reviewed since the last miss brought it back. */
  reviewedSince: boolean;
};

export type LabProgress = {
  exercises: ExerciseProgress[];
  attempted: number;
  passed: number;
  misses: LabMissNote[];
  /** All notes sent back, when more than `misses` lists. */
  missedNotes: number;
};

export const MISSES_SHOWN = 50;

type ExerciseRow = {
  exerciseId: string;
  attempts: number;
  attemptsBeforePass: number;
  firstPassAt: Date | null;
  bestPoints: number;
  bestMaxPoints: number;
  lastAt: Date;
  lastStatus: string;
};

const EXERCISES_SQL = `
  WITH subs AS (
    SELECT "exerciseId", id, status, points, "maxPoints", "createdAt",
      min("createdAt") FILTER (WHERE status = 'pass') OVER (PARTITION BY "exerciseId") AS "firstPassAt"
    FROM "Submission" WHERE "userId" = $1 AND "exerciseId" = ANY($2::text[])
  )
  SELECT "exerciseId", count(*) AS attempts, min("firstPassAt") AS "firstPassAt",
    count(*) FILTER (WHERE "firstPassAt" IS NULL OR "createdAt" < "firstPassAt") AS "attemptsBeforePass",
    (array_agg(points ORDER BY points / nullif("maxPoints", 0) DESC NULLS LAST, "createdAt", id))[1] AS "bestPoints",
    (array_agg("maxPoints" ORDER BY points / nullif("maxPoints", 0) DESC NULLS LAST, "createdAt", id))[1] AS "bestMaxPoints",
    max("createdAt") AS "lastAt",
    (array_agg(status ORDER BY "createdAt" DESC, id DESC))[1] AS "lastStatus"
  FROM subs GROUP BY "exerciseId"`;

function missesSql(byDeck: boolean): string {
  return `
    SELECT d.slug AS "deckSlug", d.title AS "deckTitle", n.number, n.question, count(*) AS times, max(l.review) AS "lastAt",
      (array_agg(l.reason ORDER BY l.review DESC, l.id DESC))[1] AS reason,
      coalesce(c."lastReview" > max(l.review), false) AS "reviewedSince",
      count(*) OVER () AS total
    FROM "ReviewLog" l
    JOIN "Card" c ON c.id = l."cardId"
    JOIN "Note" n ON n.id = c."noteId"
    JOIN "Deck" d ON d.id = n."deckId"
    WHERE l."userId" = $1 AND l.kind = 'LAB'::"ReviewKind"${byDeck ? ` AND d.id = $2` : ""}
    GROUP BY c.id, n.id, d.id
    ORDER BY "lastAt" DESC, d.slug, n.number
    LIMIT ${MISSES_SHOWN}`;
}

export type LabQuery = {
  userId: string;
  /** The exercises to report (all, or those practising the chosen deck's notes). */
  exercises: Array<{ id: string; title: string }>;
  deckId: string | null;
};

export async function loadLab(db: Db, q: LabQuery): Promise<LabProgress> {
  const byDeck = q.deckId !== null;
  const [rows, misses] = await Promise.all([
    queryPrepared<ExerciseRow>(db, "progress-lab-exercises", EXERCISES_SQL, [q.userId, q.exercises.map((e) => e.id)]),
    queryPrepared<LabMissNote & { total: number }>(db, byDeck ? "progress-lab-misses-deck" : "progress-lab-misses", missesSql(byDeck), [
      q.userId,
      ...(byDeck ? [q.deckId] : []),
    ]),
  ]);
  const byId = new Map(rows.map((row) => [row.exerciseId, row]));
  const exercises = q.exercises.map((exercise): ExerciseProgress => {
    const row = byId.get(exercise.id);
    if (!row) return { ...exercise, attempts: 0, passed: false, attemptsBeforePass: 0, firstPassAt: null, best: null, last: null };
    return {
      ...exercise,
      attempts: Number(row.attempts),
      passed: row.firstPassAt !== null,
      attemptsBeforePass: Number(row.attemptsBeforePass),
      firstPassAt: row.firstPassAt,
      best: { points: row.bestPoints, maxPoints: row.bestMaxPoints },
      last: { at: row.lastAt, status: row.lastStatus },
    };
  });
  return {
    exercises,
    attempted: exercises.filter((e) => e.attempts > 0).length,
    passed: exercises.filter((e) => e.passed).length,
    misses: misses.map((row) => ({
      deckSlug: row.deckSlug,
      deckTitle: row.deckTitle,
      number: row.number,
      question: row.question,
      times: Number(row.times),
      lastAt: row.lastAt,
      reason: row.reason,
      reviewedSince: row.reviewedSince,
    })),
    missedNotes: Number(misses[0]?.total ?? 0),
  };
}
