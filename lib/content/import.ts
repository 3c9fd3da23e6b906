// Imports the decks in content/ into the database, and class decks uploaded by instructors, through the same code.
// A note's identity is (deck slug, question number): re-importing updates text in place, adds new notes, retires
// removed ones, and never deletes anything. A file with any error changes nothing for that file.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "@/lib/db";
import { SHARED_DECK } from "./decks";
import { parseDeckOffThread, renderAnswersOffThread } from "./off-thread";
import { formatDeckError, type DeckError, type ParsedDeck } from "./parse";

// Bump when the renderer's output changes, so stored HTML is rendered again. 2: math typeset by KaTeX, code blocks
// focusable; 3: both together.
const RENDER_VERSION = "3";

export const CONTENT_DIR = path.join(process.cwd(), "content");

export type DeckImportReport = {
  file: string;
  slug: string;
  status: "imported" | "unchanged" | "failed";
  added: number[];
  updated: number[];
  retired: number[];
  restored: number[];
  /** `file:line: message`, as content:check prints them. */
  errors: string[];
  /** The same errors, by line. */
  deckErrors: DeckError[];
};

export type ImportReport = { decks: DeckImportReport[]; retiredDecks: string[]; ok: boolean };

export function listDeckFiles(dir = CONTENT_DIR): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".md") && !name.startsWith("_") && name.toLowerCase() !== "readme.md")
    .sort()
    .map((name) => path.join(dir, name));
}

export async function importContent(db: Db, dir = CONTENT_DIR): Promise<ImportReport> {
  const files = listDeckFiles(dir);
  const decks: DeckImportReport[] = [];
  for (const file of files) decks.push(await importDeckFile(db, file));

  // Decks whose file left content/ are retired (not deleted); only when every file imported cleanly.
  const present = new Set(decks.map((deck) => deck.slug));
  const retiredDecks: string[] = [];
  if (decks.every((deck) => deck.status !== "failed")) {
    const stale = await db.deck.findMany({ where: { retiredAt: null, ...SHARED_DECK, slug: { notIn: [...present] } }, select: { id: true, slug: true } });
    const now = new Date();
    for (const deck of stale) {
      await db.$transaction([
        db.deck.update({ where: { id: deck.id }, data: { retiredAt: now } }),
        db.note.updateMany({ where: { deckId: deck.id, retiredAt: null }, data: { retiredAt: now } }),
      ]);
      retiredDecks.push(deck.slug);
    }
  }
  return { decks, retiredDecks, ok: decks.every((deck) => deck.status !== "failed") };
}

export async function importDeckFile(db: Db, file: string): Promise<DeckImportReport> {
  const source = fs.readFileSync(file, "utf8");
  return importDeckSource(db, source, { fileName: path.basename(file), displayName: path.relative(process.cwd(), file) || file });
}

export type DeckSourceOptions = {
  /** The file's name: the deck's slug unless `slug` is given, and the title's fallback. */
  fileName: string;
  /** How errors name the file (`content/ml-qa.md`). */
  displayName?: string;
  /** A class deck: the owning class and the deck's slug (class decks live in their own slug space). */
  owner?: { classId: string; slug: string };
};

/** Parses and imports one deck's markdown: the path of content:import, and of class decks uploaded by instructors. */
export async function importDeckSource(db: Db, source: string, options: DeckSourceOptions): Promise<DeckImportReport> {
  const displayName = options.displayName ?? options.fileName;
  // Off the event loop and within limits, for content/ as for an instructor's upload: one parser, one set of limits.
  const parsed = await parseDeckOffThread(source, options.fileName);
  if (options.owner) parsed.slug = options.owner.slug;
  const report: DeckImportReport = { file: displayName, slug: parsed.slug, status: "unchanged", added: [], updated: [], retired: [], restored: [], errors: [], deckErrors: [] };
  if (parsed.errors.length > 0) {
    report.status = "failed";
    report.deckErrors = parsed.errors;
    report.errors = parsed.errors.map((error) => formatDeckError(displayName, error));
    return report;
  }
  return importParsedDeck(db, parsed, source, displayName, report, options.owner?.classId ?? null);
}

async function importParsedDeck(db: Db, parsed: ParsedDeck, source: string, file: string, report: DeckImportReport, classId: string | null) {
  const contentHash = crypto.createHash("sha256").update(RENDER_VERSION).update("\0").update(source).digest("hex");
  const existingDeck = await db.deck.findUnique({ where: { slug: parsed.slug }, select: { id: true, contentHash: true, retiredAt: true, classId: true, ownerId: true } });
  if (existingDeck && (existingDeck.classId !== classId || existingDeck.ownerId !== null)) {
    // A shared deck, a class deck and a personal deck never take each other's place.
    const error = { line: 1, message: `the deck name "${parsed.slug}" is already used by another deck; rename the file` };
    return { ...report, status: "failed" as const, deckErrors: [error], errors: [formatDeckError(file, error)] };
  }
  if (existingDeck && existingDeck.contentHash === contentHash && !existingDeck.retiredAt) return report;

  let reRendered = 0;
  // Render outside the transaction: it is the slow part and touches no data. Any answer nested too deep or past its
  // time limit fails the whole file, by line, as a parse error does.
  const renders = await renderAnswersOffThread(parsed.notes.map((note) => ({ markdown: note.answerMarkdown, line: note.answerStartLine })));
  if (!renders.ok) return { ...report, status: "failed" as const, deckErrors: renders.errors, errors: renders.errors.map((error) => formatDeckError(file, error)) };
  const rendered = renders.html;

  await db.$transaction(
    async (tx) => {
      const deck = await tx.deck.upsert({
        where: { slug: parsed.slug },
        create: { slug: parsed.slug, title: parsed.title, tags: parsed.tags, sourcePath: file, contentHash, classId },
        update: { title: parsed.title, tags: parsed.tags, sourcePath: file, contentHash, retiredAt: null },
      });
      const existing = await tx.note.findMany({ where: { deckId: deck.id } });
      const byNumber = new Map(existing.map((note) => [note.number, note]));
      const seen = new Set<number>();
      let rewritten = 0;

      for (const [index, note] of parsed.notes.entries()) {
        seen.add(note.number);
        const data = {
          question: note.question,
          answerMarkdown: note.answerMarkdown,
          answerHtml: rendered[index]!,
          position: index,
          sourceLine: note.line,
        };
        const current = byNumber.get(note.number);
        if (!current) {
          await tx.note.create({ data: { ...data, deckId: deck.id, number: note.number } });
          report.added.push(note.number);
          continue;
        }
        const textChanged = current.question !== data.question || current.answerMarkdown !== data.answerMarkdown;
        const placeChanged = current.position !== data.position || current.sourceLine !== data.sourceLine || current.answerHtml !== data.answerHtml;
        if (!textChanged && !placeChanged && !current.retiredAt) continue;
        await tx.note.update({ where: { id: current.id }, data: { ...data, retiredAt: null } });
        rewritten += 1;
        if (current.retiredAt) report.restored.push(note.number);
        else if (textChanged) report.updated.push(note.number);
      }

      const gone = existing.filter((note) => !seen.has(note.number) && !note.retiredAt);
      if (gone.length > 0) {
        await tx.note.updateMany({ where: { id: { in: gone.map((note) => note.id) } }, data: { retiredAt: new Date() } });
        report.retired.push(...gone.map((note) => note.number));
      }
      reRendered = rewritten;
    },
    { timeout: 60_000 },
  );
  const changed = report.added.length + report.updated.length + report.retired.length + report.restored.length;
  report.status = changed > 0 || reRendered > 0 || !existingDeck ? "imported" : "unchanged";
  return report;
}

export function describeImport(report: ImportReport): string[] {
  const lines = report.decks.map((deck) => {
    if (deck.status === "failed") return `${deck.file}: not imported, ${deck.errors.length} error(s):\n  ${deck.errors.join("\n  ")}`;
    if (deck.status === "unchanged") return `${deck.file}: unchanged`;
    const parts = [
      deck.added.length && `${deck.added.length} added (${deck.added.map((n) => `Q${n}`).join(", ")})`,
      deck.updated.length && `${deck.updated.length} updated (${deck.updated.map((n) => `Q${n}`).join(", ")})`,
      deck.restored.length && `${deck.restored.length} restored (${deck.restored.map((n) => `Q${n}`).join(", ")})`,
      deck.retired.length && `${deck.retired.length} retired (${deck.retired.map((n) => `Q${n}`).join(", ")})`,
    ].filter(Boolean);
    return `${deck.file}: ${parts.length ? parts.join(", ") : "metadata updated"}`;
  });
  for (const slug of report.retiredDecks) lines.push(`deck ${slug}: its file is gone, retired (history kept)`);
  if (lines.length === 0) lines.push("content/: no decks found");
  return lines;
}
