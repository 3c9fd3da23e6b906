// npm run content:check -- <file.md> [more.md …]
// Parses deck files without touching the database. Prints one JSON object per file on stdout,
// {"notes":[{"number","question","answerMarkdown"}],"errors":[{"line","message"}]}, and each error as
// `file:line: message` on stderr. Exit 1 when any file has errors, 2 on usage errors.
import fs from "node:fs";
import { closeParsingThreads, parseDeckOffThread, renderAnswersOffThread } from "@/lib/content/off-thread";
import { formatDeckError } from "@/lib/content/parse";

const files = process.argv.slice(2).filter((arg) => arg !== "--");

if (files.length === 0) {
  console.error("Usage: npm run content:check -- <file.md> [more.md …]");
  process.exit(2);
}

let failed = false;
for (const file of files) {
  let source: string;
  try {
    source = fs.readFileSync(file, "utf8");
  } catch (error) {
    console.error(`${file}: cannot read this file (${(error as NodeJS.ErrnoException).code ?? "error"}).`);
    process.exit(2);
  }
  // The same parser and limits as an import or an upload (lib/content/off-thread): what passes here imports.
  const deck = await parseDeckOffThread(source, file);
  const rendered = deck.errors.length > 0 ? null : await renderAnswersOffThread(deck.notes.map((note) => ({ markdown: note.answerMarkdown, line: note.answerStartLine })));
  const errors = rendered && !rendered.ok ? rendered.errors : deck.errors;
  const notes = deck.notes.map(({ number, question, answerMarkdown }) => ({ number, question, answerMarkdown }));
  process.stdout.write(`${JSON.stringify({ notes, errors })}\n`);
  for (const error of errors) console.error(formatDeckError(file, error));
  if (errors.length > 0) failed = true;
}
closeParsingThreads();
process.exit(failed ? 1 : 0);
