// The worker's side of a submission (the lab.grade job, lib/jobs/tasks.ts): grade the code with this worker's grading
// processes, against every test, hidden ones included, and store what was computed. Whatever a client claims about
// results is never read. A failed submission brings the learner's cards of the exercise's notes back to today's
// review, in the same transaction as the stored submission. Stored once per job: a job run again (its worker died
// after storing, before the job was marked done) finds its submission by job id and answers with it.
import crypto from "node:crypto";
import type { Db } from "@/lib/db";
import { queryPrepared } from "@/lib/db/prepared";
import { Prisma } from "@/lib/generated/prisma/client";
import { PermanentJobError } from "@/lib/jobs/define";
import type { JobContext } from "@/lib/jobs/runner";
import { visibleTestSources } from "@/lib/lab/exercises/load";
import { parseNoteRefs } from "@/lib/lab/exercises/note-ref";
import type { Results } from "@/lib/lab/runner/results";
import { serverGradingPool, type GradingPool } from "@/lib/lab/sandbox/process-pool";
import { withTestCode } from "@/lib/lab/runner/test-source";
import { rescheduleForLabMiss } from "@/lib/review/lab-reschedule";
import { SubmissionError } from "./errors";
import { gradeJob } from "./job";
import { redactHidden } from "./redact";
import type { SubmittedSolution } from "./types";
import { validateSubmission, type SubmitInput } from "./validate";

/** Why the cards are back, as the review screen shows it. */
export function labMissReason(exerciseTitle: string, results: Results): string {
  const failed = results.tests.find((test) => test.status !== "pass" && test.status !== "skipped");
  return failed
    ? `Back today: your submission for ${exerciseTitle} failed “${failed.name}”.`
    : `Back today: your submission for ${exerciseTitle} could not be run.`;
}

export const NOT_STORED_MESSAGE =
  "Your code was graded, but the result could not be saved, so nothing was stored (your review cards were not changed either). Submit again in a moment.";

async function storedFor(db: Db, jobId: string): Promise<SubmittedSolution | null> {
  const row = await db.submission.findUnique({ where: { jobId }, select: { id: true, createdAt: true, results: true, rescheduledCards: true } });
  return row ? { id: row.id, createdAt: row.createdAt.toISOString(), results: row.results as Results, rescheduledCards: row.rescheduledCards } : null;
}

type SubmissionRow = {
  userId: string;
  exerciseId: string;
  code: string;
  status: string;
  points: number;
  maxPoints: number;
  results: Results;
  backend: string;
  durationMs: number;
  createdAt: Date;
  jobId: string;
};

async function insertPassed(db: Db, row: SubmissionRow): Promise<{ id: string; createdAt: string }> {
  const id = crypto.randomUUID();
  await queryPrepared(
    db,
    "lab-store-passed",
    `INSERT INTO "Submission" (id, "userId", "exerciseId", code, status, points, "maxPoints", results, backend, "durationMs", "createdAt", "jobId")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12)`,
    [id, row.userId, row.exerciseId, row.code, row.status, row.points, row.maxPoints, JSON.stringify(row.results), row.backend, row.durationMs, row.createdAt, row.jobId],
  );
  return { id, createdAt: row.createdAt.toISOString() };
}

const isUniqueViolation = (error: unknown) => typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";

/** Rejects as soon as `signal` aborts (the worker is stopping): the job is then handed back, not stored. */
function unlessAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error("The worker is stopping"));
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(new Error("The worker is stopping"));
    signal.addEventListener("abort", abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
  });
}

export async function gradeSubmission(
  input: SubmitInput,
  context: Pick<JobContext, "jobId" | "userId" | "attempt" | "db" | "signal">,
  options: { grader?: GradingPool } = {},
): Promise<SubmittedSolution> {
  const { db, jobId, userId } = context;
  if (!userId) throw new PermanentJobError("A submission must belong to a learner.");
  // A first run cannot find one (a run that stored and then failed counts as an attempt); the unique index holds anyway.
  const stored = context.attempt > 1 ? await storedFor(db, jobId) : null;
  if (stored) return stored;
  let exercise;
  try {
    exercise = validateSubmission(input);
  } catch (error) {
    if (error instanceof SubmissionError) throw new PermanentJobError(error.message);
    throw error;
  }
  const grader = options.grader ?? serverGradingPool();
  const graded = redactHidden(await unlessAborted(grader.grade({ exerciseId: exercise.id, source: input.code, exports: exercise.exports }), context.signal));
  // Visible tests carry their source (Exercism's test_code), read from tests.ts; a hidden test never does.
  const results = withTestCode(graded, visibleTestSources(exercise));
  const refs = parseNoteRefs(exercise.notes);
  const now = new Date();
  const row: SubmissionRow = {
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
    jobId,
  };
  try {
    // A pass is one prepared insert, the learner waiting on it. A miss reschedules the cards and stores the submission
    // in one transaction. A second run of the job hits the unique job id either way (and the miss rolls back whole).
    if (results.status === "pass") return { ...(await insertPassed(db, row)), results, rescheduledCards: 0 };
    return await db.$transaction(async (tx) => {
      const rescheduledCards = await rescheduleForLabMiss(tx, userId, refs, labMissReason(exercise.title, results), now);
      const submission = await tx.submission.create({ data: { ...row, rescheduledCards }, select: { id: true, createdAt: true } });
      return { id: submission.id, createdAt: submission.createdAt.toISOString(), results, rescheduledCards };
    });
  } catch (error) {
    if ((error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") || isUniqueViolation(error)) {
      const existing = await storedFor(db, jobId);
      if (existing) return existing;
    }
    // Tried again by the runner while attempts are left (after a short delay); the last attempt says it plainly.
    if (context.attempt >= gradeJob.maxAttempts) {
      console.error(`lab: a graded submission of ${exercise.id} (job ${jobId}) could not be stored`, error);
      throw new PermanentJobError(NOT_STORED_MESSAGE);
    }
    throw error;
  }
}
