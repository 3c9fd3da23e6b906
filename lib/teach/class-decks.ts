// Class decks: Q&A markdown an instructor uploads to one class. The same parser, checks and import as content/
// (lib/content/import.ts): any error refuses the whole file with its line; re-uploading a file of the same name
// updates its notes in place, so learners' cards and history carry over. Visible to the class's members only.
import type { CurrentUser } from "@/lib/auth/session";
import { deckSlug } from "@/lib/content/parse";
import { importDeckSource, type DeckImportReport } from "@/lib/content/import";
import type { Db } from "@/lib/db";
import { createCardsOfDeck } from "./assign";
import { recordAudit } from "./audit";
import { requireClassRole } from "./authorize";

/** The slug of a class's deck from its file name: the class's id keeps it apart from shared decks and other classes'. */
export function classDeckSlug(classId: string, fileName: string): string {
  return `${classId}-${deckSlug(fileName).toLowerCase()}`;
}

export type ClassDeckUpload = { ok: boolean; report: DeckImportReport; deckId: string | null };

export async function uploadClassDeck(db: Db, user: CurrentUser, classId: string, file: { fileName: string; source: string }): Promise<ClassDeckUpload> {
  await requireClassRole(db, user, classId, "instructor");
  const slug = classDeckSlug(classId, file.fileName);
  const report = await importDeckSource(db, file.source, { fileName: file.fileName, owner: { classId, slug } });
  if (report.status === "failed") return { ok: false, report, deckId: null };
  const deck = await db.deck.findUniqueOrThrow({ where: { slug }, select: { id: true } });
  if (report.status === "imported") {
    // New notes become cards for everyone who studies the deck, as for a deck in content/ at their next visit.
    await createCardsOfDeck(db, deck.id);
    await recordAudit(db, {
      classId,
      actorId: user.id,
      action: "deck.upload",
      detail: { deckId: deck.id, file: file.fileName, added: report.added, updated: report.updated, retired: report.retired, restored: report.restored },
    });
  }
  return { ok: true, report, deckId: deck.id };
}
