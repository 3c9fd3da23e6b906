// Submit: the server grades the code in its sandbox against every test, hidden ones included, and stores what it
// computed. Whatever a client claims about results is never read. A failed submission brings the learner's cards
// of the exercise's notes back to today's review, in the same transaction as the stored submission.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseNoteRef } from "@/lib/lab/catalog";
import { loadExercise, UnknownExerciseError, visibleTestSources, type Exercise } from "@/lib/lab/exercises";
import type { Results } from "@/lib/lab/results";
import { serverGrader, type Grader } from "@/lib/lab/sandbox/grader";
import { withTestCode } from "@/lib/lab/test-source";
import { rescheduleForLabMiss, type NoteRef } from "@/lib/review/lab-reschedule";
import { SubmissionError, SubmissionInFlightError } from "./errors";
import { redactHidden } from "./redact";
import { MAX_SUBMISSION_BYTES, type SubmittedSolution } from "./types";

export type SubmitInput = { exerciseId: string; code: string };

// Exercises change only when lab/ is edited: a stat of prompt.md per submission instead of reading every file.
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

/** Why the cards are back, as the review screen shows it. */
export function labMissReason(exerciseTitle: string, results: Results): string {
  const failed = results.tests.find((test) => test.status !== "pass" && test.status !== "skipped");
  return failed
    ? `Back today: your submission for ${exerciseTitle} failed “${failed.name}”.`
    : `Back today: your submission for ${exerciseTitle} could not be run.`;
}

// One submission per learner at a time, process-wide: a learner cannot fill the grader's queue on their own.
const globalForInFlight = globalThis as unknown as { latentSubmissionsInFlight?: Set<string> };
const inFlight = (globalForInFlight.latentSubmissionsInFlight ??= new Set());

export async function submitSolution(
  db: Db,
  userId: string,
  input: SubmitInput,
  options: { grader?: Grader; now?: () => Date } = {},
): Promise<SubmittedSolution> {
  const exercise = validateSubmission(input);
  if (inFlight.has(userId)) throw new SubmissionInFlightError();
  inFlight.add(userId);
  let results: Results;
  try {
    const grader = options.grader ?? serverGrader();
    const graded = redactHidden(await grader.grade({ exerciseId: exercise.id, source: input.code, exports: exercise.exports }));
    // Visible tests carry their source (Exercism's test_code), read from tests.ts; a hidden test never does.
    results = withTestCode(graded, visibleTestSources(exercise));
  } finally {
    inFlight.delete(userId);
  }
  const now = options.now?.() ?? new Date();
  const refs = exercise.notes.map(parseNoteRef).filter((ref): ref is NoteRef & { href: string } => ref !== null);
  const store = async (tx: Db | Prisma.TransactionClient) => {
    const submission = await tx.submission.create({
      data: {
        userId,
        exerciseId: exercise.id,
        code: input.code,
        status: results.status,
        points: results.points,
        maxPoints: results.maxPoints,
        results,
        backend: results.backend,
        durationMs: Math.round(results.durationMs),
        createdAt: now,
      },
      select: { id: true, createdAt: true },
    });
    const rescheduledCards = results.status === "pass" ? 0 : await rescheduleForLabMiss(tx, userId, refs, labMissReason(exercise.title, results), now);
    return { id: submission.id, createdAt: submission.createdAt.toISOString(), results, rescheduledCards };
  };
  // A pass is one insert; a miss stores the submission and reschedules the cards together or not at all. Either
  // way, if storing fails the learner hears it: nothing was stored, and nothing half-written.
  try {
    return await (results.status === "pass" ? store(db) : db.$transaction(store));
  } catch (error) {
    console.error(`lab: a graded submission of ${exercise.id} could not be stored`, error);
    throw new SubmissionError(
      503,
      "Your code was graded, but the result could not be saved, so nothing was stored (your review cards were not changed either). Submit again in a moment.",
      "not_stored",
    );
  }
}
