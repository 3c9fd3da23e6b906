// The memory model's background jobs (run by workers, never by the web server; lib/jobs/tasks.ts runs them).
import { z } from "zod";
import { defineJobKind } from "@/lib/jobs/define";

const forLearner = z.object({ userId: z.string().min(1) });

/** Fit FSRS to the learner's reviews, compare on held-out reviews, apply when better. A crashed run is tried once more. */
export const optimizeJob = defineJobKind({ name: "memory-model.optimize", payload: forLearner, lane: "background", maxAttempts: 2 });

/** Recompute the learner's cards' memory with the parameters in use, and reschedule their reviews. */
export const rescheduleJob = defineJobKind({ name: "memory-model.reschedule", payload: forLearner, lane: "background", maxAttempts: 2 });

/** Simulate the learner's next year at desired retentions from 70 % to 97 %. */
export const retentionJob = defineJobKind({ name: "memory-model.retention", payload: forLearner, lane: "background", maxAttempts: 2 });

/** One active job of each kind per learner. */
export const jobKey = (kind: { name: string }, userId: string) => `${kind.name}:${userId}`;
