// A learner's cards: one per note of each deck they study, created on demand in one statement.
import { visibleDeckWhere } from "@/lib/content/decks";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ReviewError } from "./errors";

type Tx = Prisma.TransactionClient;

/** Creates the missing cards of the decks `userId` studies (new notes since the last visit included). */
export async function ensureCards(db: Db | Tx, userId: string, now = new Date()): Promise<number> {
  return db.$executeRaw`
    INSERT INTO "Card" (id, "userId", "noteId", due, "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, s."userId", n.id, ${now}, ${now}, ${now}
    FROM "DeckStudy" s JOIN "Note" n ON n."deckId" = s."deckId" AND n."retiredAt" IS NULL
    WHERE s."userId" = ${userId}
    ON CONFLICT ("userId", "noteId") DO NOTHING`;
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
