// Answering, undoing, suspending and resetting: each one database transaction on a card the learner owns,
// at the state version the learner was shown.
import type { Db } from "@/lib/db";
import { queryPrepared, type PreparedStatement } from "@/lib/db/prepared";
import { Refusal } from "@/lib/refusal";
import { restoreBeforeReview, scheduleReview, studyDay } from "@/lib/srs";
import type { Settings } from "@/lib/srs/settings";
import { newCardMemory, type Rating } from "@/lib/srs/types";
import { assertVersion, lockOwnedCard } from "./cards";
import { ReviewError } from "./errors";
import { logEntryFromRow, logEntryToRow, memoryFromRow, memoryToRow, studyDayDate, type MemoryRow } from "./memory";
import { getReviewSettings, settingsColumns, settingsFromColumns } from "./settings";

type CardRow = MemoryRow & { id: string; version: number; suspended: boolean; leech: boolean; labReason: string | null };

export type Answer = { cardId: string; version: number; rating: Rating; durationMs: number };

/** Set when this answer made the card a leech (again): whether the learner's choice suspended it. */
export type LeechNotice = { suspended: boolean } | null;

export type Answered = { cardId: string; version: number; due: Date; leech: LeechNotice };

export async function answerCard(db: Db, userId: string, answer: Answer, now = new Date()): Promise<Answered> {
  const { write, answered } = await planAnswer(db, userId, answer, now);
  return answered(await queryPrepared(db, write.name, write.text, write.values));
}

export type AnswerOptions = {
  /**
   * The session the request claims (lib/auth/request-session.ts `sessionClaims`): checked in the card's own statement,
   * so an answer over HTTP costs no statement or round trip of its own for who is asking. Refused with 401 when the
   * session is gone (signed out) or past its lifetime.
   */
  sessionId?: string;
};

const CARD_COLUMNS = `c.id, c.version, c.suspended, c.leech, c."labReason", c.due, c.stability, c.difficulty, c."elapsedDays",
  c."scheduledDays", c."learningSteps", c.reps, c.lapses, c.state, c."lastReview", ${settingsColumns("s")}`;

async function readCard(db: Db, userId: string, cardId: string, sessionId: string | undefined) {
  type Row = CardRow & Record<string, unknown>;
  if (sessionId === undefined) {
    const [card] = await queryPrepared<Row>(
      db,
      "review-answer-card",
      `SELECT ${CARD_COLUMNS} FROM "Card" c LEFT JOIN "SrsSettings" s ON s."userId" = c."userId" WHERE c.id = $1 AND c."userId" = $2`,
      [cardId, userId],
    );
    return card;
  }
  // Always one row: whether the session is live (as lib/auth/request-session.ts reads it), and the card if it is the
  // learner's. The session's lifetime is on the real clock, whatever `now` the answer is scheduled at.
  const [row] = await queryPrepared<Row & { signedIn: boolean }>(
    db,
    "review-answer-card-session",
    `SELECT EXISTS (SELECT 1 FROM "AuthSession" a WHERE a.id = $3 AND a."userId" = $2 AND a."expiresAt" > $4) AS "signedIn", ${CARD_COLUMNS}
     FROM (SELECT 1) one LEFT JOIN ("Card" c LEFT JOIN "SrsSettings" s ON s."userId" = c."userId") ON c.id = $1 AND c."userId" = $2`,
    [cardId, userId, sessionId, new Date()],
  );
  if (!row?.signedIn) throw new Refusal(401, "Sign in to continue.", "unauthenticated");
  return row.id === null ? undefined : row;
}

/**
 * An answer, scheduled but not yet written: the card and the learner's settings (and, given a session, whether it is
 * live) are read in one statement, and the answer checked against them and scheduled; `write` is the statement that
 * stores it, `answered` says what its rows mean (a 409 when the card moved on meanwhile). The caller may send another statement right behind the write, in
 * the same round trip (answerAndShowNext: the queue, planned with these `settings`).
 */
export async function planAnswer(
  db: Db,
  userId: string,
  answer: Answer,
  now = new Date(),
  options: AnswerOptions = {},
): Promise<{ write: PreparedStatement; settings: Settings; answered(rows: unknown[]): Answered }> {
  const card = await readCard(db, userId, answer.cardId, options.sessionId);
  if (!card) throw new ReviewError(404, "This card does not exist or is not yours.", "card_not_found");
  const { settings } = settingsFromColumns(card);
  assertVersion(card, answer.version);
  if (card.suspended) throw new ReviewError(409, "This card is suspended: unsuspend it before answering.", "card_suspended");
  const { next, log, leeched } = scheduleReview(memoryFromRow(card), answer.rating, now, settings, answer.durationMs, card.id);
  const row = logEntryToRow(log);
  const suspend = leeched && settings.leechAction === "suspend";
  // One statement, so one transaction: the card moves to the next version only if it is still at the version the
  // learner was shown, and the log row is written exactly when it does (optimistic concurrency, no lock held).
  // The answer ends a lab reschedule: the card's reason moves to the log row (undo puts it back).
  const write: PreparedStatement = {
    name: "review-answer-write",
    text: `
    WITH updated AS (
      UPDATE "Card" SET due = $1, stability = $2, difficulty = $3,
        "elapsedDays" = $4, "scheduledDays" = $5, "learningSteps" = $6,
        reps = $7, lapses = $8, state = $9, "lastReview" = $10,
        leech = leech OR $30, suspended = $31, "labReason" = NULL,
        version = version + 1, "updatedAt" = $11
      WHERE id = $12 AND "userId" = $13 AND version = $14 AND NOT suspended
      RETURNING id, version
    )
    INSERT INTO "ReviewLog" (id, "cardId", "userId", kind, rating, state, due, stability, difficulty, "elapsedDays",
      "lastElapsedDays", "scheduledDays", "learningSteps", review, "durationMs", "prevDue", "prevReps", "prevLapses",
      "prevLastReview", "cardVersion", "studyDay", reason, "prevLeech")
    SELECT gen_random_uuid()::text, updated.id, $13, 'RATING'::"ReviewKind", $15, $16, $17,
      $18, $19, $20, $21, $22,
      $23, $24, $25, $26, $27, $28,
      $29, updated.version, $32::date, $33, $34
    FROM updated
    RETURNING "cardVersion" AS version`,
    values: [next.due, next.stability, next.difficulty, next.elapsedDays, next.scheduledDays, next.learningSteps, next.reps, next.lapses, next.state, next.lastReview, now, card.id, userId, answer.version, row.rating, row.state, row.due, row.stability, row.difficulty, row.elapsedDays, row.lastElapsedDays, row.scheduledDays, row.learningSteps, row.review, row.durationMs, row.prevDue, row.prevReps, row.prevLapses, row.prevLastReview, leeched, suspend, row.studyDay, card.labReason, card.leech],
  };
  const leech: LeechNotice = leeched ? { suspended: suspend } : null;
  const answered = (rows: unknown[]): Answered => {
    const written = rows as Array<{ version: number }>;
    if (written.length === 0) assertVersion({ version: -1 }, answer.version);
    return { cardId: card.id, version: written[0]!.version, due: next.due, leech };
  };
  return { write, settings, answered };
}

/**
 * Undoes the learner's last rating: the card returns to exactly its previous state (memory, leech mark, suspension,
 * lab reason) and the log entry goes. Consecutive answers to one card undo one after another: when nothing else
 * changed the card between two answers, the earlier one becomes undoable at the card's new version. A reschedule with
 * new FSRS parameters after the answers moves the card's and its answers' versions together, so it changes neither.
 */
export async function undoLastReview(db: Db, userId: string) {
  return db.$transaction(async (tx) => {
    const last = await tx.reviewLog.findFirst({ where: { userId, kind: "RATING" }, orderBy: [{ review: "desc" }, { id: "desc" }] });
    if (!last) throw new ReviewError(409, "There is no review to undo.", "nothing_to_undo");
    const card = await lockOwnedCard(tx, userId, last.cardId);
    if (card.version !== last.cardVersion) {
      throw new ReviewError(409, "This card changed after that review (suspended, reset or answered again), so it cannot be undone.", "undo_stale");
    }
    const previous = restoreBeforeReview(logEntryFromRow(last));
    const version = card.version + 1;
    await tx.card.update({
      where: { id: card.id },
      // Answers are refused on suspended cards, so the card was not suspended before; a lab reason that came after
      // the answer stays.
      data: { ...memoryToRow(previous), leech: last.prevLeech, suspended: false, labReason: card.labReason ?? last.reason, version },
    });
    await tx.reviewLog.delete({ where: { id: last.id } });
    // Track items' goals at due instants after this answer were read with it; they are computed again without it
    // (lib/teach/progress.ts keeps them once the instant has passed).
    await tx.$executeRaw`DELETE FROM "TrackItemDueResult" WHERE "userId" = ${userId} AND "dueAt" >= ${last.review}`;
    // The card's event before this answer. Reschedules do not count: each one moved the versions of the card's answers
    // with the card's, so the version check below already says whether the earlier answer is still undoable.
    const before = await tx.reviewLog.findFirst({
      where: { cardId: card.id, kind: { not: "RESCHEDULE" } },
      orderBy: [{ review: "desc" }, { id: "desc" }],
    });
    if (before?.kind === "RATING" && before.cardVersion === last.cardVersion - 1) {
      await tx.reviewLog.update({ where: { id: before.id }, data: { cardVersion: version } });
    }
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
  const settings = await getReviewSettings(db, userId);
  return db.$transaction(async (tx) => {
    const card = await lockOwnedCard(tx, userId, cardId);
    assertVersion(card, shownVersion);
    const before = memoryFromRow(card);
    const version = card.version + 1;
    // A fresh start: no leech mark and no lab reason (a reset card is no longer "back because of a lab").
    await tx.card.update({ where: { id: card.id }, data: { ...memoryToRow(newCardMemory(now)), leech: false, labReason: null, version } });
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
        studyDay: studyDayDate(studyDay(now, settings.timeZone, settings.rolloverHour).key),
        durationMs: 0,
        prevDue: before.due,
        prevReps: before.reps,
        prevLapses: before.lapses,
        prevLastReview: before.lastReview,
        prevLeech: card.leech,
        cardVersion: version,
      },
    });
    return { cardId: card.id, version };
  });
}
