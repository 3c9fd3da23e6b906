// A reference to a Q&A note, as an exercise's prompt.md writes it: `ml-qa#6`, the deck's slug and the note's number.
// The front matter lists the notes an exercise practises this way, and the prompt links them as [text](ml-qa#6).
// Pure: the prompt's schema, the pages and the grading job read references through here.
import type { NoteRef as DeckNote } from "@/lib/review/lab-reschedule";

/** A note the exercise practises, with the link to its page. */
export type NoteRef = DeckNote & { href: string };

/** One reference, whole: a deck slug (`[a-z0-9-]+`), `#`, the note's number. */
export const NOTE_REF = /^([a-z0-9-]+)#(\d+)$/;
const NOTE_LINK = /\]\(([a-z0-9-]+)#(\d+)\)/g;

const noteHref = (deck: string, number: string) => `/decks/${deck}/notes/${number}`;

export function parseNoteRef(ref: string): NoteRef | null {
  const match = NOTE_REF.exec(ref.trim());
  if (!match) return null;
  return { deck: match[1]!, number: Number(match[2]), href: noteHref(match[1]!, match[2]!) };
}

/** The references that parse, in order. */
export function parseNoteRefs(refs: readonly string[]): NoteRef[] {
  return refs.map(parseNoteRef).filter((ref): ref is NoteRef => ref !== null);
}

/** Markdown whose links to notes, [text](ml-qa#6), point at the notes' pages. */
export function linkNoteRefs(markdown: string): string {
  return markdown.replace(NOTE_LINK, (_, deck: string, number: string) => `](${noteHref(deck, number)})`);
}
