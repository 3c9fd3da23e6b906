// A learner's memory model as the settings page shows it, and what they can ask of it: optimize, reschedule, simulate
// retentions (each a background job; this only enqueues), and revert an optimization (at once: a parameter change).
import crypto from "node:crypto";
import type { Db } from "@/lib/db";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { latestJob, type JobView } from "@/lib/jobs/status";
import { Refusal } from "@/lib/refusal";
import { readReviewSettings } from "@/lib/review/settings";
import { parseParameters, sameParameters } from "@/lib/srs/parameters";
import { DEFAULT_SETTINGS, formSettings } from "@/lib/srs/settings";
import { minimumReviews } from "./config";
import { countUsableReviews, type UsableReviews } from "./histories";
import { jobKey, optimizeJob, rescheduleJob, retentionJob } from "./jobs";

export class MemoryModelError extends Refusal {}

export type MemoryModelEventView = {
  id: string;
  kind: "OPTIMIZED" | "REVERTED";
  at: string;
  reviews: number;
  items: number;
  heldOut: number;
  current: { logLoss: number; rmseBins: number } | null;
  fitted: { logLoss: number; rmseBins: number } | null;
  applied: boolean;
  /** The parameters this event put in use (OPTIMIZED and applied, or REVERTED) are the ones in use now, and it can be reverted. */
  revertible: boolean;
  parametersAfter: number[];
};

export type MemoryModelState = {
  /** The parameters in use: empty for FSRS's defaults. */
  parameters: number[];
  /** A stored parameter list that failed validation (FSRS's defaults apply meanwhile). */
  problem: string | null;
  usable: UsableReviews;
  minimum: number;
  history: MemoryModelEventView[];
  jobs: { optimize: JobView | null; reschedule: JobView | null; retention: JobView | null };
};

type EventRow = { id: string; kind: "OPTIMIZED" | "REVERTED"; applied: boolean; revertsId: string | null; parametersAfter: number[] };

/**
 * The optimization that can be reverted: the newest applied one not reverted yet, while its parameters are in use.
 * Reverting it restores the parameters before it, which may make the one before it revertible in turn.
 */
function revertibleId(newestFirst: readonly EventRow[], inUse: readonly number[]): string | null {
  const reverted = new Set(newestFirst.filter((event) => event.kind === "REVERTED").map((event) => event.revertsId));
  const newest = newestFirst.find((event) => event.kind === "OPTIMIZED" && event.applied && !reverted.has(event.id));
  return newest && sameParameters(newest.parametersAfter, inUse) ? newest.id : null;
}

export async function loadMemoryModel(db: Db, userId: string): Promise<MemoryModelState> {
  const [{ settings, problems }, usable, events, optimize, reschedule, retention] = await Promise.all([
    readReviewSettings(db, userId),
    countUsableReviews(db, userId),
    db.memoryModelEvent.findMany({ where: { userId }, orderBy: { createdAt: "desc" } }),
    latestJob(db, userId, optimizeJob.name),
    latestJob(db, userId, rescheduleJob.name),
    latestJob(db, userId, retentionJob.name),
  ]);
  const inUse = settings.fsrsParameters;
  const revertible = revertibleId(events, inUse);
  return {
    parameters: inUse,
    problem: problems?.fsrsParameters ?? null,
    usable,
    minimum: minimumReviews(),
    history: events.map((event) => ({
      id: event.id,
      kind: event.kind,
      at: event.createdAt.toISOString(),
      reviews: event.reviews,
      items: event.items,
      heldOut: event.heldOut,
      current: event.currentLogLoss === null ? null : { logLoss: event.currentLogLoss, rmseBins: event.currentRmseBins ?? 0 },
      fitted: event.fittedLogLoss === null ? null : { logLoss: event.fittedLogLoss, rmseBins: event.fittedRmseBins ?? 0 },
      applied: event.applied,
      revertible: event.id === revertible,
      parametersAfter: event.parametersAfter,
    })),
    jobs: { optimize, reschedule, retention },
  };
}

/** Starts fitting the learner's memory model, or refuses with what they need to know; an optimization already under way is returned. */
export async function startOptimization(db: Db, userId: string) {
  const minimum = minimumReviews();
  const { items } = await countUsableReviews(db, userId);
  if (items < minimum) {
    throw new MemoryModelError(
      409,
      `Optimizing needs at least ${minimum} reviews FSRS can learn from (answers on a later day than the card's previous answer); you have ${items}. Nothing was changed: keep reviewing and try again later.`,
      "too_few_reviews",
    );
  }
  return enqueueJob(db, optimizeJob, { userId }, { userId, key: jobKey(optimizeJob, userId) });
}

export async function startReschedule(db: Db, userId: string) {
  return enqueueJob(db, rescheduleJob, { userId }, { userId, key: jobKey(rescheduleJob, userId) });
}

export async function startRetentionSimulation(db: Db, userId: string) {
  return enqueueJob(db, retentionJob, { userId }, { userId, key: jobKey(retentionJob, userId) });
}

/**
 * Goes back to the parameters in use before an optimization, if that optimization's parameters are still the ones in
 * use; the revert is kept in the history.
 */
export async function revertOptimization(db: Db, userId: string, eventId: string) {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ fsrsParameters: number[] | null }>>`
      SELECT "fsrsParameters" FROM "SrsSettings" WHERE "userId" = ${userId} FOR UPDATE`;
    const events = await tx.memoryModelEvent.findMany({ where: { userId }, orderBy: { createdAt: "desc" } });
    const event = events.find((candidate) => candidate.id === eventId && candidate.kind === "OPTIMIZED");
    if (!event) throw new MemoryModelError(404, "There is no such optimization in your history.", "event_not_found");
    const stored = parseParameters(rows[0]?.fsrsParameters ?? []);
    const inUse = stored.ok ? stored.value : [];
    if (revertibleId(events, inUse) !== event.id) {
      throw new MemoryModelError(409, "These parameters are not the ones in use any more, so there is nothing to revert. Nothing was changed.", "not_in_use");
    }
    const restored = parseParameters(event.parametersBefore);
    if (!restored.ok) throw new MemoryModelError(409, `The parameters before that optimization are not valid (${restored.error}); nothing was changed.`, "invalid_parameters");
    await tx.srsSettings.update({ where: { userId }, data: { fsrsParameters: restored.value } });
    const id = crypto.randomUUID();
    await tx.memoryModelEvent.create({
      data: { id, userId, kind: "REVERTED", createdAt: new Date(), parametersBefore: inUse, parametersAfter: restored.value, applied: true, revertsId: event.id },
    });
    return { eventId: id, parameters: restored.value };
  });
}

/** Sets only the desired retention (the learner's choice after the retention helper); their other settings stay. */
export async function chooseDesiredRetention(db: Db, userId: string, desiredRetention: number) {
  const value = Math.round(desiredRetention * 10_000) / 10_000;
  await db.srsSettings.upsert({ where: { userId }, create: { userId, ...formSettings(DEFAULT_SETTINGS), desiredRetention: value }, update: { desiredRetention: value } });
  return { desiredRetention: value };
}
