// What a submission must be before it is graded: a known exercise, at most 64 KB of code, text PostgreSQL can store.
// Checked by the web server before a grading job is enqueued (a refusal stores nothing), and again by the worker.
import fs from "node:fs";
import path from "node:path";
import { loadExercise, UnknownExerciseError, type Exercise } from "@/lib/lab/exercises/load";
import { SubmissionError } from "./errors";
import { MAX_SUBMISSION_BYTES } from "./types";

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

// What PostgreSQL cannot store in text: the NUL character, and a UTF-16 surrogate without its pair.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Where the code holds a character that cannot be stored, said so the learner can find it; null when there is none. */
export function unstorableCharacter(code: string): string | null {
  const match = UNSTORABLE.exec(code);
  if (!match) return null;
  const before = code.slice(0, match.index);
  const line = before.split("\n").length;
  const column = match.index - before.lastIndexOf("\n");
  const what = match[0] === "\u0000" ? "a NUL character (\\u0000)" : "an unpaired surrogate (half of a character)";
  return `Your code has ${what} at line ${line}, column ${column}, which cannot be stored. Delete it (it may come from a paste) and submit again; nothing was graded or stored.`;
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
  if (bytes > MAX_SUBMISSION_BYTES) {
    throw new SubmissionError(
      413,
      `Your code is ${(bytes / 1024).toFixed(1)} KB; a submission can be at most ${MAX_SUBMISSION_BYTES / 1024} KB. It was not graded or stored.`,
      "code_too_large",
    );
  }
  const unstorable = unstorableCharacter(input.code);
  if (unstorable) throw new SubmissionError(422, unstorable, "code_not_storable");
  return exercise;
}
