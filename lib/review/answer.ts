// Answering, suspending, burying and resetting: each one database transaction on a card the learner owns, at the
// state version the learner was shown, and each an action of the action log (lib/review/actions.ts), which undo takes back.
import type { Db } from "@/lib/db";
import { queryPrepared, type PreparedStatement } from "@/lib/db/prepared";
import { Refusal } from "@/lib/refusal";
import { scheduleReview, studyDay } from "@/lib/srs";
import type { Settings } from "@/lib/srs/settings";
import { newCardMemory, type Rating } from "@/lib/srs/types";
import { NEXT_ACTION_ID, recordAction, undoLastAction } from "./actions";
import { assertVersion } from "./cards";
import { ReviewError } from "./errors";
import { logEntryToRow, memoryFromRow, memoryToRow, studyDayDate, type MemoryRow } from "./memory";
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
  // learner was shown, and its log row and its action (lib/review/actions.ts: the card's row before, for undo) are
  // written exactly when it does (optimistic concurrency, no lock held). The answer ends a lab reschedule (the card's
  // reason moves to the log row; undo puts it back) and a bury.
  const write: PreparedStatement = {
    name: "review-answer-write",
    text: `
    WITH action AS (SELECT ${NEXT_ACTION_ID} AS id),
    before AS (SELECT to_jsonb(c) AS row FROM "Card" c WHERE id = $12 AND "userId" = $13 AND version = $14),
    updated AS (
      UPDATE "Card" SET due = $1, stability = $2, difficulty = $3,
        "elapsedDays" = $4, "scheduledDays" = $5, "learningSteps" = $6,
        reps = $7, lapses = $8, state = $9, "lastReview" = $10,
        leech = leech OR $30, suspended = $31, "labReason" = NULL, "buriedUntil" = NULL,
        version = version + 1, "updatedAt" = $11
      WHERE id = $12 AND "userId" = $13 AND version = $14 AND NOT suspended
      RETURNING id, version
    ),
    logged AS (
      INSERT INTO "ReviewLog" (id, "cardId", "userId", kind, rating, state, due, stability, difficulty, "elapsedDays",
        "lastElapsedDays", "scheduledDays", "learningSteps", review, "durationMs", "prevDue", "prevReps", "prevLapses",
        "prevLastReview", "cardVersion", "studyDay", reason, "prevLeech", "actionId")
      SELECT gen_random_uuid()::text, updated.id, $13, 'RATING'::"ReviewKind", $15, $16, $17,
        $18, $19, $20, $21, $22,
        $23, $24, $25, $26, $27, $28,
        $29, updated.version, $32::date, $33, $34, action.id
      FROM updated, action
    )
    INSERT INTO "CardAction" ("actionId", "cardId", "userId", kind, at, before, version)
    SELECT action.id, updated.id, $13, 'ANSWER'::"CardActionKind", $11, before.row, updated.version
    FROM updated, action, before
    RETURNING version`,
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

/** @deprecated The last action of any kind is undone now: use `undoLastAction` (lib/review/actions.ts). */
export const undoLastReview = (db: Db, userId: string, now = new Date()) => undoLastAction(db, userId, now);

/** Suspends or unsuspends a card the learner was shown at `shownVersion`: an action, so `z` undoes it. */
export async function setSuspended(db: Db, userId: string, cardId: string, shownVersion: number, suspended: boolean, now = new Date()) {
  return db.$transaction(async (tx) => {
    await recordAction(tx, { userId, kind: suspended ? "SUSPEND" : "UNSUSPEND", cardIds: [cardId], versions: new Map([[cardId, shownVersion]]), at: now }, () =>
      tx.card.update({ where: { id: cardId }, data: { suspended } }),
    );
    return { cardId, version: shownVersion + 1 };
  });
}

/**
 * Buries a card (Anki): out of the queue until the start of the learner's next study day, then back as it was. An
 * action, so `z` undoes it.
 */
export async function buryCard(db: Db, userId: string, cardId: string, shownVersion: number, now = new Date()) {
  const settings = await getReviewSettings(db, userId);
  const until = studyDay(now, settings.timeZone, settings.rolloverHour).end;
  return db.$transaction(async (tx) => {
    await recordAction(tx, { userId, kind: "BURY", cardIds: [cardId], versions: new Map([[cardId, shownVersion]]), at: now }, () =>
      tx.card.update({ where: { id: cardId }, data: { buriedUntil: until } }),
    );
    return { cardId, version: shownVersion + 1, buriedUntil: until };
  });
}

/** Forgets a card: it becomes new again. The reset is recorded in the history, which is kept; `z` undoes it. */
export async function resetCard(db: Db, userId: string, cardId: string, shownVersion: number, now = new Date()) {
  const settings = await getReviewSettings(db, userId);
  return db.$transaction(async (tx) => {
    const { result: version } = await recordAction(tx, { userId, kind: "RESET", cardIds: [cardId], versions: new Map([[cardId, shownVersion]]), at: now }, async ({ actionId }) => {
      const card = await tx.card.findUniqueOrThrow({ where: { id: cardId } });
      const before = memoryFromRow(card);
      // A fresh start: no leech mark, no lab reason (a reset card is no longer "back because of a lab"), not buried.
      await tx.card.update({ where: { id: card.id }, data: { ...memoryToRow(newCardMemory(now)), leech: false, labReason: null, buriedUntil: null } });
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
          cardVersion: card.version + 1,
          actionId: BigInt(actionId),
        },
      });
      return card.version + 1;
    });
    return { cardId, version };
  });
}
