// A failed lab submission sends the learner back to the notes the exercise practises: their cards become due
// now (studied cards) or first in line (new ones), recorded in the review log as a lab reschedule, not a rating.
import type { Db } from "@/lib/db";

export type NoteRef = { deck: string; number: number };

export async function rescheduleForLabMiss(db: Db, userId: string, refs: NoteRef[], reason: string, now = new Date()): Promise<number> {
  if (refs.length === 0) return 0;
  return db.$transaction(async (tx) => {
    const cards = await tx.card.findMany({
      where: { userId, note: { retiredAt: null, OR: refs.map((ref) => ({ number: ref.number, deck: { slug: ref.deck } })) } },
    });
    for (const card of cards) {
      const version = card.version + 1;
      // A new card keeps its state (it has no memory to reschedule); the queue puts new cards with a lab miss first.
      const due = card.state === 0 ? card.due : now;
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
    }
    return cards.length;
  });
}
