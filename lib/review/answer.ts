// Answering, undoing, suspending and resetting: each one database transaction on a card the learner owns,
// at the state version the learner was shown.
import type { Db } from "@/lib/db";
import { queryPrepared } from "@/lib/db/prepared";
import { restoreBeforeReview, scheduleReview } from "@/lib/srs";
import type { Settings } from "@/lib/srs/settings";
import { newCardMemory, type Rating } from "@/lib/srs/types";
import { assertVersion, lockOwnedCard } from "./cards";
import { ReviewError } from "./errors";
import { logEntryFromRow, logEntryToRow, memoryFromRow, memoryToRow, type MemoryRow } from "./memory";
import { getReviewSettings } from "./settings";

type CardRow = MemoryRow & { id: string; version: number; suspended: boolean };

export type Answer = { cardId: string; version: number; rating: Rating; durationMs: number };

/** `known.settings` may be a pending read, so the caller's settings read and the card read overlap. */
export async function answerCard(db: Db, userId: string, answer: Answer, now = new Date(), known?: { settings?: Settings | Promise<Settings> }) {
  const [settings, card] = await Promise.all([
    known?.settings ?? getReviewSettings(db, userId),
    queryPrepared<CardRow>(
      db,
      "review-answer-card",
      `SELECT id, version, suspended, due, stability, difficulty, "elapsedDays", "scheduledDays", "learningSteps", reps,
        lapses, state, "lastReview" FROM "Card" WHERE id = $1 AND "userId" = $2`,
      [answer.cardId, userId],
    ).then((rows) => rows[0]),
  ]);
  if (!card) throw new ReviewError(404, "This card does not exist or is not yours.", "card_not_found");
  assertVersion(card, answer.version);
  if (card.suspended) throw new ReviewError(409, "This card is suspended: unsuspend it before answering.", "card_suspended");
  const { next, log } = scheduleReview(memoryFromRow(card), answer.rating, now, settings, answer.durationMs, card.id);
  const row = logEntryToRow(log);
  // One statement, so one transaction: the card moves to the next version only if it is still at the version the
  // learner was shown, and the log row is written exactly when it does (optimistic concurrency, no lock held).
  const written = await queryPrepared<{ version: number }>(
    db,
    "review-answer-write",
    `
    WITH updated AS (
      UPDATE "Card" SET due = $1, stability = $2, difficulty = $3,
        "elapsedDays" = $4, "scheduledDays" = $5, "learningSteps" = $6,
        reps = $7, lapses = $8, state = $9, "lastReview" = $10,
        version = version + 1, "updatedAt" = $11
      WHERE id = $12 AND "userId" = $13 AND version = $14 AND NOT suspended
      RETURNING id, version
    )
    INSERT INTO "ReviewLog" (id, "cardId", "userId", kind, rating, state, due, stability, difficulty, "elapsedDays",
      "lastElapsedDays", "scheduledDays", "learningSteps", review, "durationMs", "prevDue", "prevReps", "prevLapses",
      "prevLastReview", "cardVersion")
    SELECT gen_random_uuid()::text, updated.id, $13, 'RATING'::"ReviewKind", $15, $16, $17,
      $18, $19, $20, $21, $22,
      $23, $24, $25, $26, $27, $28,
      $29, updated.version
    FROM updated
    RETURNING "cardVersion" AS version`,
    [next.due, next.stability, next.difficulty, next.elapsedDays, next.scheduledDays, next.learningSteps, next.reps, next.lapses, next.state, next.lastReview, now, card.id, userId, answer.version, row.rating, row.state, row.due, row.stability, row.difficulty, row.elapsedDays, row.lastElapsedDays, row.scheduledDays, row.learningSteps, row.review, row.durationMs, row.prevDue, row.prevReps, row.prevLapses, row.prevLastReview],
  );
  if (written.length === 0) assertVersion({ version: -1 }, answer.version);
  return { cardId: card.id, version: written[0]!.version, due: next.due };
}

/** Undoes the learner's last rating: the card returns to exactly its previous state and the log entry goes. */
export async function undoLastReview(db: Db, userId: string) {
  return db.$transaction(async (tx) => {
    const last = await tx.reviewLog.findFirst({ where: { userId }, orderBy: [{ review: "desc" }, { id: "desc" }] });
    if (!last || last.kind !== "RATING") throw new ReviewError(409, "There is no review to undo.", "nothing_to_undo");
    const card = await lockOwnedCard(tx, userId, last.cardId);
    if (card.version !== last.cardVersion) {
      throw new ReviewError(409, "This card changed after that review (suspended, reset or answered again), so it cannot be undone.", "undo_stale");
    }
    const previous = restoreBeforeReview(logEntryFromRow(last));
    const version = card.version + 1;
    await tx.card.update({ where: { id: card.id }, data: { ...memoryToRow(previous), version } });
    await tx.reviewLog.delete({ where: { id: last.id } });
    return { cardId: card.id, version };
  });
}

export async function setSuspended(db: Db, userId: string, cardId: string, shownVersion: number, suspended: boolean) {
  return db.$transaction(async (tx) => {
    const card = await lockOwnedCard(tx, userId, cardId);
    assertVersion(card, shownVersion);
    const updated = await tx.card.update({ where: { id: card.id }, data: { suspended, version: card.version + 1 } });
    return { cardId: card.id, version: updated.version };
  });
}

/** Forgets a card: it becomes new again. The reset is recorded in the history, which is kept. */
export async function resetCard(db: Db, userId: string, cardId: string, shownVersion: number, now = new Date()) {
  return db.$transaction(async (tx) => {
    const card = await lockOwnedCard(tx, userId, cardId);
    assertVersion(card, shownVersion);
    const before = memoryFromRow(card);
    const version = card.version + 1;
    await tx.card.update({ where: { id: card.id }, data: { ...memoryToRow(newCardMemory(now)), version } });
    await tx.reviewLog.create({
      data: {
        cardId: card.id,
        userId,
        kind: "RESET",
        rating: null,
        state: before.state,
        due: before.lastReview ?? before.due,
        stability: before.stability,
        difficulty: before.difficulty,
        elapsedDays: before.elapsedDays,
        lastElapsedDays: before.elapsedDays,
        scheduledDays: before.scheduledDays,
        learningSteps: before.learningSteps,
        review: now,
        durationMs: 0,
        prevDue: before.due,
        prevReps: before.reps,
        prevLapses: before.lapses,
        prevLastReview: before.lastReview,
        cardVersion: version,
      },
    });
    return { cardId: card.id, version };
  });
}
