// A failed lab submission sends the learner back to the notes the exercise practises: their cards become due
// now (studied cards) or first in line (new ones, even past the new-card limit), with the reason on the card until it
// is answered or reset, and the event in the review log as a lab reschedule, not a rating. The log row keeps the
// card's exact state before (prev* fields), so the history stays complete.
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { studyDay } from "@/lib/srs";
import { ensureCards } from "./cards";
import { studyDayDate, type MemoryRow } from "./memory";
import { readReviewSettingsIn } from "./settings";

export type NoteRef = { deck: string; number: number };

type Tx = Prisma.TransactionClient;

type LockedCard = MemoryRow & { id: string; leech: boolean; labReason: string | null; version: number };

/**
 * Reschedules `userId`'s cards of `refs` with `reason`, in the caller's transaction or its own; returns how many
 * cards it brought back. Suspended cards stay as they are, and a card already brought back by an earlier miss and
 * not answered since is left alone (one reason per return, not one per failed attempt). Only a card whose due moves
 * gets a new version: one already due keeps it, so the answer the learner may have on screen still counts.
 */
export async function rescheduleForLabMiss(db: Db | Tx, userId: string, refs: NoteRef[], reason: string, now = new Date()): Promise<number> {
  if (refs.length === 0) return 0;
  const run = async (tx: Tx) => {
    await ensureCards(tx, userId, now); // a learner who has not opened the review yet has no cards
    const noteIds = await tx.note.findMany({
      where: { retiredAt: null, OR: refs.map((ref) => ({ number: ref.number, deck: { slug: ref.deck, retiredAt: null } })) },
      select: { id: true },
    });
    if (noteIds.length === 0) return 0;
    // Locked, so an answer or another reschedule in flight cannot interleave with this one.
    const locked = await tx.$queryRaw<LockedCard[]>`
      SELECT id, due, stability, difficulty, "elapsedDays", "scheduledDays", "learningSteps", reps, lapses, state,
        "lastReview", leech, "labReason", version
      FROM "Card" WHERE "userId" = ${userId} AND "noteId" = ANY(${noteIds.map((n) => n.id)}) AND NOT suspended
      ORDER BY id FOR UPDATE`;
    const isNew = (card: LockedCard) => card.state === 0;
    // A new card keeps its due (it has no memory to reschedule; the queue puts lab-missed new cards first), and a
    // card due already stays at its earlier due.
    const moves = (card: LockedCard) => !isNew(card) && card.due > now;
    const back = locked.filter((card) => card.labReason === null || moves(card));
    if (back.length === 0) return 0;

    const moved = back.filter(moves).map((card) => card.id);
    await tx.$executeRaw`
      UPDATE "Card" SET "labReason" = ${reason},
        due = CASE WHEN id = ANY(${moved}) THEN ${now} ELSE due END,
        version = version + CASE WHEN id = ANY(${moved}) THEN 1 ELSE 0 END
      WHERE id = ANY(${back.map((card) => card.id)})`;
    const { settings } = await readReviewSettingsIn(tx, userId);
    const day = studyDayDate(studyDay(now, settings.timeZone, settings.rolloverHour).key);
    await tx.reviewLog.createMany({
      data: back.map((card) => ({
        cardId: card.id,
        userId,
        kind: "LAB" as const,
        rating: null,
        state: card.state,
        due: card.lastReview ?? card.due,
        stability: card.stability,
        difficulty: card.difficulty,
        elapsedDays: card.elapsedDays,
        lastElapsedDays: card.elapsedDays,
        scheduledDays: card.scheduledDays,
        learningSteps: card.learningSteps,
        review: now,
        studyDay: day,
        durationMs: 0,
        prevDue: card.due,
        prevReps: card.reps,
        prevLapses: card.lapses,
        prevLastReview: card.lastReview,
        prevLeech: card.leech,
        cardVersion: moved.includes(card.id) ? card.version + 1 : card.version,
        reason,
      })),
    });
    return back.length;
  };
  return "$transaction" in db ? db.$transaction(run) : run(db);
}
