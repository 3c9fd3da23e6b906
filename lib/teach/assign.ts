// Assigned decks are studied: the decks of a class's review items are in its learners' daily review, their cards
// created, when an item is added and when a learner joins later.
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

/**
 * Makes every learner of the class (or one of them) study the decks of the class's live review items (or one deck),
 * and creates their missing cards for those decks. Two statements, whatever the class's size.
 */
export async function studyAssignedDecks(db: Db | Tx, classId: string, only: { userId?: string; deckId?: string } = {}, now = new Date()): Promise<void> {
  const userId = only.userId ?? null;
  const deckId = only.deckId ?? null;
  await db.$executeRaw`
    INSERT INTO "DeckStudy" ("userId", "deckId", "createdAt")
    SELECT DISTINCT m."userId", ti."deckId", ${now}::timestamp
    FROM "ClassMember" m
    JOIN "Track" t ON t."classId" = m."classId" AND t."deletedAt" IS NULL
    JOIN "TrackItem" ti ON ti."trackId" = t.id AND ti.kind = 'REVIEW'::"TrackItemKind"
    JOIN "Deck" d ON d.id = ti."deckId" AND d."retiredAt" IS NULL
    WHERE m."classId" = ${classId} AND m.role = 'LEARNER'::"ClassRole"
      AND (${userId}::text IS NULL OR m."userId" = ${userId}::text) AND (${deckId}::text IS NULL OR ti."deckId" = ${deckId}::text)
    ON CONFLICT DO NOTHING`;
  await db.$executeRaw`
    INSERT INTO "Card" (id, "userId", "noteId", ordinal, due, "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, a."userId", n.id, o.ordinal, ${now}::timestamp, ${now}::timestamp, ${now}::timestamp
    FROM (
      SELECT DISTINCT m."userId", ti."deckId"
      FROM "ClassMember" m
      JOIN "Track" t ON t."classId" = m."classId" AND t."deletedAt" IS NULL
      JOIN "TrackItem" ti ON ti."trackId" = t.id AND ti.kind = 'REVIEW'::"TrackItemKind"
      WHERE m."classId" = ${classId} AND m.role = 'LEARNER'::"ClassRole"
        AND (${userId}::text IS NULL OR m."userId" = ${userId}::text) AND (${deckId}::text IS NULL OR ti."deckId" = ${deckId}::text)
    ) a
    JOIN "Note" n ON n."deckId" = a."deckId" AND n."retiredAt" IS NULL
    CROSS JOIN LATERAL unnest(n.ordinals) AS o(ordinal)
    ON CONFLICT ("userId", "noteId", ordinal) DO NOTHING`;
}

/** After a class deck gained notes: the cards of everyone who studies it. */
export async function createCardsOfDeck(db: Db | Tx, deckId: string, now = new Date()): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "Card" (id, "userId", "noteId", ordinal, due, "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, s."userId", n.id, o.ordinal, ${now}::timestamp, ${now}::timestamp, ${now}::timestamp
    FROM "DeckStudy" s JOIN "Note" n ON n."deckId" = s."deckId" AND n."retiredAt" IS NULL
    CROSS JOIN LATERAL unnest(n.ordinals) AS o(ordinal)
    WHERE s."deckId" = ${deckId}
    ON CONFLICT ("userId", "noteId", ordinal) DO NOTHING`;
}
