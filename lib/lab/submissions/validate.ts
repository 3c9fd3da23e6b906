// What a submission must be before it is graded: a known exercise, at most 64 KB of code, text PostgreSQL can store.
// Checked by the web server before a grading job is enqueued (a refusal stores nothing), and again by the worker.
import fs from "node:fs";
import path from "node:path";
import { loadExercise, UnknownExerciseError, type Exercise } from "@/lib/lab/exercises/load";
import { SubmissionError } from "./errors";
import { MAX_CODE_BYTES } from "@/lib/lab/runner/limits";
import { firstUnstorable } from "@/lib/validations/text";

/** `requestId`: the client's id for one press of Submit, sent again with every retry of it (see enqueueSubmission). */
export type SubmitInput = { exerciseId: string; code: string; requestId?: string };

// Exercises change only when lab/ is edited: a stat of prompt.md per submission instead of reading every file. A
// cache of files on this machine's disk, so it stays in the process.
const exercises = new Map<string, { stamp: number; exercise: Exercise }>();

function findExercise(id: string): Exercise {
  const cached = exercises.get(id);
  if (cached) {
    try {
      if (fs.statSync(/*turbopackIgnore: true*/ path.join(cached.exercise.dir, "prompt.md")).mtimeMs === cached.stamp) return cached.exercise;
    } catch {
      // Removed: look it up again.
    }
    exercises.delete(id);
  }
  const exercise = loadExercise(id);
  exercises.set(id, { stamp: fs.statSync(/*turbopackIgnore: true*/ path.join(exercise.dir, "prompt.md")).mtimeMs, exercise });
  return exercise;
}

/** Where the code holds a character that cannot be stored, said so the learner can find it; null when there is none. */
export function unstorableCharacter(code: string): string | null {
  const found = firstUnstorable(code);
  if (!found) return null;
  const what = found.nul ? "a NUL character (\\u0000)" : "an unpaired surrogate (half of a character)";
  return `Your code has ${what} at line ${found.line}, column ${found.column}, which cannot be stored. Delete it (it may come from a paste) and submit again; nothing was graded or stored.`;
}

/** The exercise, or a refusal that stores nothing: unknown exercise (404), code over 64 KB (413), unstorable text (422). */
export function validateSubmission(input: SubmitInput): Exercise {
  let exercise: Exercise;
  try {
    exercise = findExercise(input.exerciseId);
  } catch (error) {
    if (error instanceof UnknownExerciseError) throw new SubmissionError(404, `There is no exercise '${input.exerciseId}'.`, "exercise_not_found");
    throw error;
  }
  const bytes = Buffer.byteLength(input.code, "utf8");
  if (bytes > MAX_CODE_BYTES) {
    throw new SubmissionError(
      413,
      `Your code is ${(bytes / 1024).toFixed(1)} KB; a submission can be at most ${MAX_CODE_BYTES / 1024} KB. It was not graded or stored.`,
      "code_too_large",
    );
  }
  const unstorable = unstorableCharacter(input.code);
  if (unstorable) throw new SubmissionError(422, unstorable, "code_not_storable");
  return exercise;
}
