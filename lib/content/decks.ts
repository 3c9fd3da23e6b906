// Reading decks and notes for the browse pages. Retired notes and decks are hidden, never deleted. A class deck is
// visible to the members of its class only, a personal deck to its owner only; to anyone else it does not exist.
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** The live decks `userId` may see: the shared ones, those of live classes they are a member of, and their own. */
export function visibleDeckWhere(userId: string): Prisma.DeckWhereInput {
  return { retiredAt: null, OR: [SHARED_DECK, { class: { deletedAt: null, members: { some: { userId } } } }, { ownerId: userId }] };
}

/** A deck of content/: neither a class's nor a learner's. */
export const SHARED_DECK = { classId: null, ownerId: null } satisfies Prisma.DeckWhereInput;

/**
 * A new account studies every live shared deck (a class's decks come with the class); the learner can stop studying
 * one from its page.
 */
export async function studySharedDecks(db: Db | Prisma.TransactionClient, userId: string): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "DeckStudy" ("userId", "deckId", "createdAt")
    SELECT ${userId}, d.id, now() FROM "Deck" d WHERE d."retiredAt" IS NULL AND d."classId" IS NULL AND d."ownerId" IS NULL
    ON CONFLICT DO NOTHING`;
}

// What the deck pages show of a deck, its class's name included (a class deck says whose it is).
const DECK_FIELDS = { id: true, slug: true, title: true, tags: true, class: { select: { name: true } } } satisfies Prisma.DeckSelect;

export async function listDecks(db: Db, userId: string) {
  const decks = await db.deck.findMany({
    where: visibleDeckWhere(userId),
    orderBy: { title: "asc" },
    select: { ...DECK_FIELDS, _count: { select: { notes: { where: { retiredAt: null } } } } },
  });
  return decks.map(({ _count, class: owner, ...deck }) => ({ ...deck, className: owner?.name ?? null, noteCount: _count.notes }));
}

export async function getDeck(db: Db, slug: string, userId: string) {
  return db.deck.findFirst({
    where: { slug, ...visibleDeckWhere(userId) },
    select: {
      ...DECK_FIELDS,
      notes: { where: { retiredAt: null }, orderBy: { position: "asc" }, select: { id: true, number: true, question: true } },
    },
  });
}

export async function getNote(db: Db, slug: string, number: number, userId: string) {
  const note = await db.note.findFirst({
    where: { number, retiredAt: null, deck: { slug, ...visibleDeckWhere(userId) } },
    select: { id: true, number: true, position: true, question: true, answerHtml: true, deckId: true, deck: { select: { slug: true, title: true } } },
  });
  if (!note) return null;
  const [previous, next] = await Promise.all([
    db.note.findFirst({ where: { deckId: note.deckId, retiredAt: null, position: { lt: note.position } }, orderBy: { position: "desc" }, select: { number: true, question: true } }),
    db.note.findFirst({ where: { deckId: note.deckId, retiredAt: null, position: { gt: note.position } }, orderBy: { position: "asc" }, select: { number: true, question: true } }),
  ]);
  return { ...note, previous, next };
}
