// A learner's cards: one per card ordinal of each note of the decks they study (a basic note makes one, a cloze note
// one per cloze number), created on demand in one statement.
import { visibleDeckWhere } from "@/lib/content/decks";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ReviewError } from "./errors";

type Tx = Prisma.TransactionClient;

/** Creates the missing cards of the decks `userId` studies (new notes since the last visit included). */
export async function ensureCards(db: Db | Tx, userId: string, now = new Date()): Promise<number> {
  return db.$executeRaw`
    INSERT INTO "Card" (id, "userId", "noteId", ordinal, due, "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, s."userId", n.id, o.ordinal, ${now}, ${now}, ${now}
    FROM "DeckStudy" s JOIN "Note" n ON n."deckId" = s."deckId" AND n."retiredAt" IS NULL
    CROSS JOIN LATERAL unnest(n.ordinals) AS o(ordinal)
    WHERE s."userId" = ${userId}
      AND NOT EXISTS (SELECT 1 FROM "Card" c WHERE c."userId" = s."userId" AND c."noteId" = n.id AND c.ordinal = o.ordinal)
    ON CONFLICT ("userId", "noteId", ordinal) DO NOTHING`;
}

export async function setDeckStudied(db: Db, userId: string, deckId: string, studied: boolean): Promise<void> {
  const deck = await db.deck.findFirst({ where: { id: deckId, ...visibleDeckWhere(userId) }, select: { id: true } });
  if (!deck) throw new ReviewError(404, "There is no such deck.", "deck_not_found");
  if (studied) {
    await db.deckStudy.upsert({ where: { userId_deckId: { userId, deckId } }, create: { userId, deckId }, update: {} });
    await ensureCards(db, userId);
  } else {
    // Cards and their history stay; the deck's cards simply leave the queue.
    await db.deckStudy.deleteMany({ where: { userId, deckId } });
  }
}

export async function isDeckStudied(db: Db, userId: string, deckId: string): Promise<boolean> {
  return (await db.deckStudy.findUnique({ where: { userId_deckId: { userId, deckId } }, select: { deckId: true } })) !== null;
}

/**
 * The one ownership check for cards: locks the learner's card for the rest of the transaction, or answers 404 —
 * the same for a card that does not exist and one that belongs to someone else.
 */
export async function lockOwnedCard(tx: Tx, userId: string, cardId: string) {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Card" WHERE id = ${cardId} AND "userId" = ${userId} FOR UPDATE`;
  if (rows.length === 0) throw new ReviewError(404, "This card does not exist or is not yours.", "card_not_found");
  return tx.card.findUniqueOrThrow({ where: { id: cardId } });
}

export function assertVersion(card: { version: number }, shownVersion: number): void {
  if (card.version !== shownVersion) {
    throw new ReviewError(
      409,
      "This card was already answered or changed (in another tab, or by a repeated request). Nothing was changed; the next card is shown.",
      "stale_card",
    );
  }
}
