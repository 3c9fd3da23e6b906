// Submit, as the web server does it: check the submission (a refusal stores nothing), enqueue a grading job (job.ts)
// — one in flight per learner and a bounded queue, both enforced in PostgreSQL, so every web server sees the same —
// then wait for a worker to grade and store it (grade.ts), and answer as soon as it is stored. A grade that takes
// longer than the wait is answered later: the caller gets the job's id and the page polls it.
import crypto from "node:crypto";
import type { Db } from "@/lib/db";
import { queryPrepared } from "@/lib/db/prepared";
import { positiveIntegerFromEnv } from "@/lib/env";
import { waitForJobEnd, type EndedJob } from "@/lib/jobs/wait";
import { GraderBusyError } from "@/lib/lab/sandbox/admission";
import { SubmissionError, SubmissionInFlightError } from "./errors";
import { gradingFailedMessage } from "@/lib/lab/grading-failed";
import { gradeJob, gradeJobKey } from "./job";
import type { SubmittedSolution } from "./types";
import { validateSubmission, type SubmitInput } from "./validate";

export { unstorableCharacter, validateSubmission, type SubmitInput } from "./validate";

/** LATENT_GRADER_QUEUE: grading jobs queued or running, on all workers together, past which submissions get 503. */
export function gradingQueueLimit(env: NodeJS.ProcessEnv = process.env): number {
  return env.LATENT_GRADER_QUEUE === "0" ? 0 : positiveIntegerFromEnv(env.LATENT_GRADER_QUEUE, 64);
}

/** LATENT_GRADER_WAIT_SECONDS: how long POST /api/lab/submissions waits for the grade before answering 202 (25). */
export function gradingWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  return positiveIntegerFromEnv(env.LATENT_GRADER_WAIT_SECONDS, 25) * 1000;
}

// Taken while counting and adding grading jobs, so that web servers admitting at once cannot pass the limit together.
const QUEUE_LOCK = 7_310_231;
/** What one grade usually holds a worker's slot for, to say when to come back. */
const TYPICAL_GRADE_MS = 250;

/**
 * Enqueues the learner's submission for grading; refuses it (nothing stored) when it cannot be graded now. A request
 * sent again with the `requestId` of one already enqueued (a client retrying after its connection broke, or after a
 * load balancer's 502, not knowing whether the first one arrived) gets that job back, so it is graded and stored once.
 * One statement, one round trip: the database function "Job_enqueue_limited" (its migration) takes the queue's lock,
 * looks for the request, counts the queue and adds the job with its carrier.
 */
export async function enqueueSubmission(db: Db, userId: string, input: SubmitInput, options: { queueLimit?: number } = {}): Promise<string> {
  validateSubmission(input);
  const limit = options.queueLimit ?? gradingQueueLimit();
  const payload = gradeJob.payload.parse({ exerciseId: input.exerciseId, code: input.code, requestId: input.requestId });
  const [row] = await queryPrepared<{ outcome: "enqueued" | "sent" | "in_flight" | "busy"; job_id: string | null; queued: number; running: number }>(
    db,
    "lab-enqueue-grading",
    `SELECT outcome, job_id, queued, running FROM "Job_enqueue_limited"($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9)`,
    [crypto.randomUUID(), userId, gradeJob.name, gradeJobKey(userId), JSON.stringify(payload), gradeJob.maxAttempts, input.requestId ?? null, limit, QUEUE_LOCK],
  );
  if (row!.outcome === "in_flight") throw new SubmissionInFlightError();
  if (row!.outcome === "busy") {
    const waitMs = ((row!.queued + 1) / Math.max(1, row!.running)) * TYPICAL_GRADE_MS;
    throw new GraderBusyError(Math.max(1, Math.ceil(waitMs / 1000)));
  }
  return row!.job_id!;
}

/** A grading job that ended: the stored submission, or the refusal that says nothing was stored. */
export function gradedSubmission(job: Pick<EndedJob, "status" | "result" | "error">): SubmittedSolution {
  if (job.status === "SUCCEEDED") return job.result as SubmittedSolution;
  throw new SubmissionError(503, gradingFailedMessage(job.error), "not_stored");
}

export type SubmitOutcome = { graded: SubmittedSolution } | { pending: { jobId: string } };

/**
 * Enqueues the submission and waits up to `waitMs` for it to be graded and stored. Refusals: SubmissionError (404,
 * 413, 422; 503 when grading failed and nothing was stored), SubmissionInFlightError (429), GraderBusyError (503).
 */
export async function submitSolution(db: Db, userId: string, input: SubmitInput, options: { waitMs?: number; queueLimit?: number } = {}): Promise<SubmitOutcome> {
  const jobId = await enqueueSubmission(db, userId, input, options);
  const ended = await waitForJobEnd(db, jobId, { timeoutMs: options.waitMs ?? gradingWaitMs() });
  return ended ? { graded: gradedSubmission(ended) } : { pending: { jobId } };
}
