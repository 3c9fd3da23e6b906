// Rescheduling with the parameters in use, on the learner's request (Anki's "reschedule cards on change"): each studied
// card's memory (stability, difficulty) is replayed from its review history with the current parameters, and each
// review card that is not suspended gets the interval FSRS now gives it, counted from its last review (a card whose
// new due has passed is due now). Cards in (re)learning keep their step's due; new cards are untouched.
//
// Undo keeps working: a rescheduled card moves to a new version, and the version its last action recorded moves with it
// (lib/review/actions.ts `keepUndoableSql`), so the answers that could be undone before can be undone after, each
// returning its card exactly to its state before that answer (which also drops the reschedule of that card). Each reschedule is a RESCHEDULE row in the card's
// history, with the state before, so nothing is lost; the optimizer never reads those rows.
import { queryPrepared } from "@/lib/db/prepared";
import type { JobContext } from "@/lib/jobs/runner";
import { keepUndoableSql } from "@/lib/review/actions";
import type { MemoryRow } from "@/lib/review/memory";
import { readReviewSettings } from "@/lib/review/settings";
import { studyDay, studyDayAfter } from "@/lib/srs/day";
import { memoryAfter, modelWeights } from "@/lib/srs/fsrs-model";
import { reviewInterval } from "@/lib/srs/schedule";
import { CardState } from "@/lib/srs/types";
import { readCardHistories, type CardHistory } from "./histories";

export type RescheduleResult = {
  /** Cards whose memory or due changed. */
  updated: number;
  /** Review cards whose due moved, and which way. */
  moved: number;
  earlier: number;
  later: number;
  /** Cards answered while this ran: they were left as their answer scheduled them. */
  skipped: number;
};

type CardRow = MemoryRow & { id: string; version: number; suspended: boolean; leech: boolean };

const wall = (date: Date | null) => (date ? date.toISOString().replace("Z", "") : null);

export async function runReschedule(payload: { userId: string }, context: JobContext): Promise<RescheduleResult> {
  const { db } = context;
  const { userId } = payload;
  const { settings } = await readReviewSettings(db, userId);
  const w = modelWeights(settings.fsrsParameters);
  const now = new Date();
  const today = studyDay(now, settings.timeZone, settings.rolloverHour);
  const [{ count }] = (await db.pool.query<{ count: number }>(`SELECT count(*)::int AS count FROM "Card" WHERE "userId" = $1 AND state <> 0`, [userId])).rows as [{ count: number }];
  const result: RescheduleResult = { updated: 0, moved: 0, earlier: 0, later: 0, skipped: 0 };
  let seen = 0;
  context.progress(0, count, "Rescheduling your cards");

  for await (const histories of readCardHistories(db, userId)) {
    if (context.signal.aborted) throw new Error("Stopped");
    const byId = new Map<string, CardHistory>(histories.map((history) => [history.cardId, history]));
    const cards = await queryPrepared<CardRow>(
      db,
      "memory-model-reschedule-cards",
      `SELECT id, version, state, suspended, due, stability, difficulty, "elapsedDays", "scheduledDays", "learningSteps", reps, lapses,
           "lastReview", leech
       FROM "Card" WHERE "userId" = $1 AND id = ANY($2::text[]) AND state <> 0 AND "lastReview" IS NOT NULL`,
      [userId, [...byId.keys()]],
    );
    const changes: Array<{ card: CardRow; due: Date; stability: number; difficulty: number; scheduledDays: number }> = [];
    for (const card of cards) {
      const history = byId.get(card.id)!;
      const memory = memoryAfter(w, history.ratings.map((rating, i) => ({ rating, deltaT: i === 0 ? 0 : history.deltaTs[i]! })));
      let due = card.due;
      let scheduledDays = card.scheduledDays;
      if (card.state === CardState.Review && !card.suspended) {
        scheduledDays = reviewInterval(memory.stability, settings, card.id, card.reps, card.elapsedDays);
        const lastDay = studyDay(card.lastReview!, settings.timeZone, settings.rolloverHour);
        due = studyDayAfter(lastDay, scheduledDays, settings.timeZone, settings.rolloverHour).start;
      }
      const same = Math.abs(memory.stability - card.stability) < 1e-9 && Math.abs(memory.difficulty - card.difficulty) < 1e-9 && due.getTime() === card.due.getTime();
      if (!same) changes.push({ card, due, stability: memory.stability, difficulty: memory.difficulty, scheduledDays });
    }
    if (changes.length > 0) {
      const col = <T>(pick: (change: (typeof changes)[number]) => T) => changes.map(pick);
      const written = await db.pool.query<{ cardId: string }>(
        `WITH input AS (
           SELECT * FROM unnest($2::text[], $3::int[], $4::timestamp(3)[], $5::float8[], $6::float8[], $7::int[], $8::int[],
             $9::timestamp(3)[], $10::float8[], $11::float8[], $12::int[], $13::int[], $14::int[], $15::int[], $16::int[],
             $17::timestamp(3)[], $18::bool[])
           AS t(id, version, due, stability, difficulty, scheduled, state, "oldDue", "oldStability", "oldDifficulty", "oldScheduled",
             "elapsedDays", "learningSteps", reps, lapses, "lastReview", leech)
         ),
         updated AS (
           UPDATE "Card" c SET due = i.due, stability = i.stability, difficulty = i.difficulty, "scheduledDays" = i.scheduled,
             version = c.version + 1, "updatedAt" = $19::timestamp(3)
           FROM input i WHERE c.id = i.id AND c."userId" = $1 AND c.version = i.version
           RETURNING c.id, c.version
         ),
         shifted AS (
           UPDATE "ReviewLog" l SET "cardVersion" = l."cardVersion" + 1 FROM updated u
           WHERE l."cardId" = u.id AND l.kind = 'RATING'::"ReviewKind"
           RETURNING l.id
         ),
         undoable AS (${keepUndoableSql("updated")})
         INSERT INTO "ReviewLog" (id, "cardId", "userId", kind, rating, state, due, stability, difficulty, "elapsedDays",
           "lastElapsedDays", "scheduledDays", "learningSteps", review, "studyDay", "durationMs", "prevDue", "prevReps",
           "prevLapses", "prevLastReview", "prevLeech", "cardVersion")
         SELECT gen_random_uuid()::text, u.id, $1, 'RESCHEDULE'::"ReviewKind", NULL, i.state, coalesce(i."lastReview", i."oldDue"),
           i."oldStability", i."oldDifficulty", i."elapsedDays", i."elapsedDays", i."oldScheduled", i."learningSteps",
           $19::timestamp(3), $20::date, 0, i."oldDue", i.reps, i.lapses, i."lastReview", i.leech, u.version
         FROM updated u JOIN input i ON i.id = u.id
         RETURNING "cardId"`,
        [
          userId,
          col((c) => c.card.id),
          col((c) => c.card.version),
          col((c) => wall(c.due)),
          col((c) => c.stability),
          col((c) => c.difficulty),
          col((c) => c.scheduledDays),
          col((c) => c.card.state),
          col((c) => wall(c.card.due)),
          col((c) => c.card.stability),
          col((c) => c.card.difficulty),
          col((c) => c.card.scheduledDays),
          col((c) => c.card.elapsedDays),
          col((c) => c.card.learningSteps),
          col((c) => c.card.reps),
          col((c) => c.card.lapses),
          col((c) => wall(c.card.lastReview)),
          col((c) => c.card.leech),
          wall(now),
          today.key,
        ],
      );
      const done = new Set(written.rows.map((row) => row.cardId));
      for (const change of changes) {
        if (!done.has(change.card.id)) {
          result.skipped++;
          continue;
        }
        result.updated++;
        const shift = change.due.getTime() - change.card.due.getTime();
        if (shift !== 0) {
          result.moved++;
          if (shift < 0) result.earlier++;
          else result.later++;
        }
      }
    }
    seen += cards.length;
    context.progress(seen, count, "Rescheduling your cards");
  }
  context.log(`updated ${result.updated} cards, moved ${result.moved} (${result.earlier} earlier, ${result.later} later), ${result.skipped} answered meanwhile`);
  return result;
}
