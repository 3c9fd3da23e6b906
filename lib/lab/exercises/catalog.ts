// What the lab pages show: exercises with their prompts rendered and the notes they practise (drafts: lib/lab/drafts.ts).
// Server-only. Hidden tests and reference solutions never leave the server through here.
import { renderMarkdown } from "@/lib/content/render";
import type { TestCodeView } from "@/lib/lab/runner/test-source";
import { listExercises, loadExercise, UnknownExerciseError, visibleTestSources } from "./load";
import { linkNoteRefs, parseNoteRefs } from "./note-ref";

export function labExercises() {
  return listExercises().map((exercise) => ({
    id: exercise.id,
    title: exercise.title,
    notes: parseNoteRefs(exercise.notes),
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
  return {
    id: exercise.id,
    title: exercise.title,
    exports: exercise.exports,
    notes: parseNoteRefs(exercise.notes),
    promptHtml: await renderMarkdown(linkNoteRefs(exercise.prompt)),
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
