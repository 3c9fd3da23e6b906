// Reading decks and notes for the browse pages. Retired notes and decks are hidden, never deleted.
import type { Db } from "@/lib/db";

export async function listDecks(db: Db) {
  const decks = await db.deck.findMany({
    where: { retiredAt: null },
    orderBy: { title: "asc" },
    select: { id: true, slug: true, title: true, tags: true, _count: { select: { notes: { where: { retiredAt: null } } } } },
  });
  return decks.map(({ _count, ...deck }) => ({ ...deck, noteCount: _count.notes }));
}

export async function getDeck(db: Db, slug: string) {
  return db.deck.findFirst({
    where: { slug, retiredAt: null },
    select: {
      id: true,
      slug: true,
      title: true,
      tags: true,
      notes: { where: { retiredAt: null }, orderBy: { position: "asc" }, select: { id: true, number: true, question: true } },
    },
  });
}

export async function getNote(db: Db, slug: string, number: number) {
  const note = await db.note.findFirst({
    where: { number, retiredAt: null, deck: { slug, retiredAt: null } },
    select: { id: true, number: true, position: true, question: true, answerHtml: true, deckId: true, deck: { select: { slug: true, title: true } } },
  });
  if (!note) return null;
  const [previous, next] = await Promise.all([
    db.note.findFirst({ where: { deckId: note.deckId, retiredAt: null, position: { lt: note.position } }, orderBy: { position: "desc" }, select: { number: true, question: true } }),
    db.note.findFirst({ where: { deckId: note.deckId, retiredAt: null, position: { gt: note.position } }, orderBy: { position: "asc" }, select: { number: true, question: true } }),
  ]);
  return { ...note, previous, next };
}
