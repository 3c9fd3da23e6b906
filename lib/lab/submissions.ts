// Submissions: code the server grades in its sandbox against every test, hidden ones included. The stored verdict
// is the one that counts; whatever a client claims about results is never read.
import type { Db } from "@/lib/db";
import { Refusal } from "@/lib/refusal";
import { ensureCards } from "@/lib/review/cards";
import { rescheduleForLabMiss } from "@/lib/review/lab-reschedule";
import { exerciseExists, MAX_CODE_BYTES, parseNoteRef, type NoteRef } from "./catalog";
import { loadExercise } from "./exercises";
import type { Results, TestResult } from "./results";
import { gradeInSandbox } from "./sandbox/grade-in-sandbox";
import { graderPool } from "./sandbox/pool";

/** A refusal of the lab (unknown exercise, code too large, someone else's submission). */
export class SubmissionError extends Refusal {}

const HIDDEN_MESSAGE: Partial<Record<TestResult["status"], string>> = {
  fail: "This hidden test failed. Its inputs are not shown: think about the cases the visible tests do not cover (other shapes, zeros, larger batches).",
  error: "Your code threw an error in this hidden test. Its inputs are not shown: check the cases the visible tests do not cover.",
  timeout: "This hidden test did not finish in time. Look for a loop that never ends or a very large tensor.",
  skipped: "Not run: an earlier test had to be stopped.",
};

/** What a learner may see of a result: hidden tests keep their name, verdict and points, not their inputs. */
export function redactHidden(results: Results): Results {
  return {
    ...results,
    tests: results.tests.map((test) => {
      if (!test.hidden) return test;
      const { output: _output, test_code: _code, message, ...rest } = test;
      void _output;
      void _code;
      return message === undefined ? rest : { ...rest, message: HIDDEN_MESSAGE[test.status] ?? "This hidden test did not pass." };
    }),
  };
}

export function validateSubmission(exerciseId: string, code: string): void {
  if (!exerciseExists(exerciseId)) throw new SubmissionError(404, `There is no exercise "${exerciseId}".`, "exercise_not_found");
  const bytes = Buffer.byteLength(code, "utf8");
  if (bytes > MAX_CODE_BYTES) {
    throw new SubmissionError(413, `Your code is ${Math.ceil(bytes / 1024)} KB; submissions are limited to ${MAX_CODE_BYTES / 1024} KB. Nothing was stored.`, "code_too_large");
  }
}

export async function submitSolution(db: Db, userId: string, input: { exerciseId: string; code: string }) {
  validateSubmission(input.exerciseId, input.code);
  const exercise = loadExercise(input.exerciseId);
  const results = redactHidden(
    await graderPool().run(() => gradeInSandbox({ exerciseId: exercise.id, source: input.code, exports: exercise.exports })),
  );
  const submission = await db.submission.create({
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
    },
    select: { id: true, createdAt: true },
  });
  let rescheduled = 0;
  if (results.status !== "pass") {
    const failed = results.tests.find((test) => test.status !== "pass");
    const what = failed ? `failed “${failed.name}”` : "could not run";
    const refs = exercise.notes.map(parseNoteRef).filter((ref): ref is NoteRef => ref !== null);
    await ensureCards(db, userId); // a learner who has not opened the review yet has no cards

    rescheduled = await rescheduleForLabMiss(db, userId, refs, `Back today: your submission for ${exercise.title} ${what}.`);
  }
  return { id: submission.id, createdAt: submission.createdAt.toISOString(), results, rescheduledCards: rescheduled };
}

export async function listSubmissions(db: Db, userId: string, exerciseId: string, take = 20) {
  const rows = await db.submission.findMany({
    where: { userId, exerciseId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, status: true, points: true, maxPoints: true, backend: true, durationMs: true, createdAt: true, results: true },
  });
  return rows.map(({ results, createdAt, ...row }) => ({
    ...row,
    createdAt: createdAt.toISOString(),
    failing: ((results as unknown as Results).tests ?? []).filter((test) => test.status !== "pass").map((test) => ({ name: test.name, status: test.status, hidden: test.hidden })),
  }));
}

export async function getSubmission(db: Db, userId: string, id: string) {
  const row = await db.submission.findFirst({ where: { id, userId } });
  if (!row) throw new SubmissionError(404, "This submission does not exist or is not yours.", "submission_not_found");
  return { ...row, createdAt: row.createdAt.toISOString(), results: row.results as unknown as Results };
}
