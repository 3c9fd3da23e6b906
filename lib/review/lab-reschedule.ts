// A failed lab submission sends the learner back to the notes the exercise practises: their cards become due
// now (studied cards) or first in line (new ones), recorded in the review log as a lab reschedule, not a rating.
// The log row keeps the card's exact state before (prev* fields), so the history stays complete.
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ensureCards } from "./cards";

export type NoteRef = { deck: string; number: number };

type Tx = Prisma.TransactionClient;

/**
 * Reschedules `userId`'s cards of `refs` with `reason`, in the caller's transaction or its own; returns how many
 * cards it brought back. Suspended cards stay as they are, and a card already brought back by an earlier miss and
 * not reviewed since is left alone (one reason per return, not one per failed attempt).
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
    const locked = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM "Card" WHERE "userId" = ${userId} AND "noteId" = ANY(${noteIds.map((n) => n.id)}) AND NOT suspended
      ORDER BY id FOR UPDATE`;
    let count = 0;
    for (const { id } of locked) {
      const card = await tx.card.findUniqueOrThrow({ where: { id } });
      const alreadyBack = await tx.reviewLog.findFirst({
        where: { cardId: card.id, kind: "LAB", ...(card.lastReview ? { review: { gt: card.lastReview } } : {}) },
        select: { id: true },
      });
      if (alreadyBack && card.due <= now) continue;
      const version = card.version + 1;
      // A new card keeps its state and due (it has no memory to reschedule); the queue puts new cards with a lab
      // miss first. A card due earlier than now stays at its earlier due.
      const due = card.state === 0 || card.due <= now ? card.due : now;
      await tx.card.update({ where: { id: card.id }, data: { due, version } });
      await tx.reviewLog.create({
        data: {
          cardId: card.id,
          userId,
          kind: "LAB",
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
          durationMs: 0,
          prevDue: card.due,
          prevReps: card.reps,
          prevLapses: card.lapses,
          prevLastReview: card.lastReview,
          cardVersion: version,
          reason,
        },
      });
      count++;
    }
    return count;
  };
  return "$transaction" in db ? db.$transaction(run) : run(db);
}
