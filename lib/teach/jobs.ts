// The teaching side's background job: at a review item's due instant, a worker computes and keeps the goal at that
// instant for every learner of the class (lib/teach/progress.ts), so the first gradebook load after a deadline reads
// kept counts instead of the review log. Enqueued with the item (tracks.ts), to run just after its due instant.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { defineJobKind } from "@/lib/jobs/define";
import { enqueueJob } from "@/lib/jobs/enqueue";
import type { Prisma } from "@/lib/generated/prisma/client";
import { keepGoalsAtDue } from "./progress";

/** After the instant, by this much: the worker's clock may be a little behind the one that set the due date. */
const AFTER_DUE_MS = 2_000;

export const keepDueJob = defineJobKind({ name: "teach.keep-due", payload: z.object({ itemId: z.string().min(1) }), lane: "background", maxAttempts: 3 });

/** In the caller's transaction: keep the item's goal at `dueAt` once it has passed (nothing for an instant already past). */
export async function scheduleKeepDue(tx: Prisma.TransactionClient, itemId: string, dueAt: Date | null, userId: string, now = new Date()) {
  if (!dueAt || dueAt <= now) return;
  await enqueueJob(tx, keepDueJob, { itemId }, { userId, runAt: new Date(dueAt.getTime() + AFTER_DUE_MS) });
}

/**
 * The job: if the item still exists, in a live track, and its due instant has passed (an earlier job for a due date
 * since moved later finds it has not, and does nothing: the later date has its own job), keeps the goal at the due
 * instants of its class for every learner without a kept count. Returns how many (learner, item) counts it kept.
 */
export async function runKeepDue(db: Db, payload: { itemId: string }, now = new Date()): Promise<{ kept: number }> {
  const item = await db.trackItem.findUnique({ where: { id: payload.itemId }, select: { dueAt: true, kind: true, track: { select: { classId: true, deletedAt: true } } } });
  if (!item || item.kind !== "REVIEW" || item.track.deletedAt || !item.dueAt || item.dueAt > now) return { kept: 0 };
  return { kept: await keepGoalsAtDue(db, item.track.classId, now) };
}
