// What the lab pages show: exercises with their prompts rendered, the notes they practise, and a learner's draft.
// Server-only. Hidden tests and reference solutions never leave the server through here.
import { renderMarkdown } from "@/lib/content/render";
import type { Db } from "@/lib/db";
import { listExercises, loadExercise, UnknownExerciseError, visibleTestSources } from "./load";
import type { TestCodeView } from "../runner/test-source";

export type NoteRef = { deck: string; number: number; href: string };

export function parseNoteRef(ref: string): NoteRef | null {
  const match = /^([a-z0-9][a-z0-9-_]*)#(\d+)$/i.exec(ref.trim());
  if (!match) return null;
  return { deck: match[1]!, number: Number(match[2]), href: `/decks/${match[1]}/notes/${match[2]}` };
}

export function labExercises() {
  return listExercises().map((exercise) => ({
    id: exercise.id,
    title: exercise.title,
    notes: exercise.notes.map(parseNoteRef).filter((ref): ref is NoteRef => ref !== null),
  }));
}

/** The exercise for its page, or null for an unknown id. */
export async function labExercisePage(id: string) {
  let exercise;
  try {
    exercise = loadExercise(id);
  } catch (error) {
    if (error instanceof UnknownExerciseError) return null;
    throw error;
  }
  // Prompts link notes as [text](ml-qa#6): point those links at the note pages.
  const prompt = exercise.prompt.replace(/\]\(([a-z0-9][a-z0-9-_]*)#(\d+)\)/gi, "](/decks/$1/notes/$2)");
  return {
    id: exercise.id,
    title: exercise.title,
    exports: exercise.exports,
    notes: exercise.notes.map(parseNoteRef).filter((ref): ref is NoteRef => ref !== null),
    promptHtml: await renderMarkdown(prompt),
    starter: exercise.starter,
    testCode: await highlightTestSources(visibleTestSources(exercise)),
  };
}

async function highlightTestSources(sources: Readonly<Record<string, string>>): Promise<Record<string, TestCodeView>> {
  const entries = await Promise.all(
    Object.entries(sources).map(async ([name, source]) => {
      const fence = "`".repeat(Math.max(3, ...[...source.matchAll(/`+/g)].map((match) => match[0].length + 1)));
      return [name, { source, html: await renderMarkdown(`${fence}ts\n${source}\n${fence}`) }] as const;
    }),
  );
  return Object.fromEntries(entries);
}

export function exerciseExists(id: string): boolean {
  return listExercises().some((exercise) => exercise.id === id);
}

export const MAX_CODE_BYTES = 64 * 1024;

export async function getDraft(db: Db, userId: string, exerciseId: string) {
  return db.labDraft.findUnique({ where: { userId_exerciseId: { userId, exerciseId } }, select: { code: true, updatedAt: true } });
}

export async function listDrafts(db: Db, userId: string) {
  return db.labDraft.findMany({ where: { userId }, select: { exerciseId: true, updatedAt: true } });
}

export async function saveDraft(db: Db, userId: string, exerciseId: string, code: string) {
  return db.labDraft.upsert({
    where: { userId_exerciseId: { userId, exerciseId } },
    create: { userId, exerciseId, code },
    update: { code },
    select: { updatedAt: true },
  });
}
