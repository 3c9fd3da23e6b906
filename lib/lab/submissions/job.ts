// Grading a submission is a job (lib/jobs): the web server enqueues it, a worker grades it in its own grading
// processes and stores the submission. Plain data, safe for the web server to import (grade.ts is the worker's side).
import { z } from "zod";
import { defineJobKind } from "@/lib/jobs/define";
import { MAX_CODE_BYTES } from "@/lib/lab/runner/limits";

/**
 * A learner is waiting on it: the interactive lane. Tried twice: a job whose worker dies mid-grade (or that could not
 * be stored) is graded once more, on any worker, then fails with a message saying nothing was stored.
 */
export const gradeJob = defineJobKind({
  name: "lab.grade",
  payload: z.object({ exerciseId: z.string().min(1).max(100), code: z.string().max(MAX_CODE_BYTES), requestId: z.string().uuid().optional() }),
  lane: "interactive",
  maxAttempts: 2,
});

/** One grading job in flight per learner, across every web server (the Job table's unique active key). */
export const gradeJobKey = (userId: string) => `${gradeJob.name}:${userId}`;
