// The optimization job: read the learner's reviews, fit FSRS, compare the fit with the parameters in use on held-out
// reviews, and apply it only when it predicts them better (lower log loss). Either way the comparison is kept in the
// learner's memory-model history, and the job's result says what happened.
import crypto from "node:crypto";
import type { JobContext } from "@/lib/jobs/runner";
import { readReviewSettings } from "@/lib/review/settings";
import type { Metrics } from "@/lib/srs/fsrs-model";
import { parseParameters, sameParameters } from "@/lib/srs/parameters";
import { DEFAULT_SETTINGS, formSettings, sameDayRelearningSteps } from "@/lib/srs/settings";
import { minimumReviews } from "./config";
import { fitAndCompare } from "./fit";
import { readCardHistories, type CardHistory } from "./histories";
import { itemsInTimeOrder } from "./items";

type Scores = Pick<Metrics, "logLoss" | "rmseBins">;

export type OptimizeResult =
  | { outcome: "too-few"; items: number; minimum: number }
  | {
      outcome: "applied" | "kept" | "changed-meanwhile";
      eventId: string;
      reviews: number;
      items: number;
      heldOut: number;
      current: Scores;
      fitted: Scores;
    };

const scores = (metrics: Metrics): Scores => ({ logLoss: metrics.logLoss, rmseBins: metrics.rmseBins });

export async function runOptimization(payload: { userId: string }, context: JobContext): Promise<OptimizeResult> {
  const { db, signal } = context;
  const { userId } = payload;
  context.progress(0, 1000, "Reading your reviews");
  const { settings } = await readReviewSettings(db, userId);
  const before = settings.fsrsParameters;
  const histories: CardHistory[] = [];
  for await (const batch of readCardHistories(db, userId)) histories.push(...batch);
  const items = itemsInTimeOrder(histories);
  const reviews = histories.reduce((sum, history) => sum + history.ratings.length, 0);
  const minimum = minimumReviews();
  if (items.length < minimum) return { outcome: "too-few", items: items.length, minimum };

  const report = await fitAndCompare(items, before, {
    relearningSteps: sameDayRelearningSteps(settings),
    signal,
    onProgress: (done, message) => context.progress(Math.round(20 + done * 970), 1000, message),
  });
  const better = report.fitted.logLoss < report.current.logLoss;

  const eventId = crypto.randomUUID();
  const outcome = await db.$transaction(async (tx) => {
    // The parameters must still be those the fit was compared with (a revert may have happened meanwhile).
    const row = await tx.$queryRaw<Array<{ fsrsParameters: number[] | null }>>`
      SELECT "fsrsParameters" FROM "SrsSettings" WHERE "userId" = ${userId} FOR UPDATE`;
    const stored = parseParameters(row[0]?.fsrsParameters ?? []);
    const unchanged = sameParameters(stored.ok ? stored.value : [], before);
    const applied = better && unchanged;
    await tx.memoryModelEvent.create({
      data: {
        id: eventId,
        userId,
        kind: "OPTIMIZED",
        jobId: context.jobId,
        createdAt: new Date(),
        reviews,
        items: items.length,
        heldOut: report.heldOut,
        parametersBefore: before,
        parametersAfter: report.parameters,
        currentLogLoss: report.current.logLoss,
        currentRmseBins: report.current.rmseBins,
        fittedLogLoss: report.fitted.logLoss,
        fittedRmseBins: report.fitted.rmseBins,
        applied,
      },
    });
    if (applied) {
      await tx.srsSettings.upsert({
        where: { userId },
        create: { userId, ...formSettings(DEFAULT_SETTINGS), fsrsParameters: report.parameters },
        update: { fsrsParameters: report.parameters },
      });
    }
    return applied ? "applied" : better ? "changed-meanwhile" : "kept";
  });
  context.log(`${outcome}: log loss ${report.current.logLoss.toFixed(4)} → ${report.fitted.logLoss.toFixed(4)} on ${report.heldOut} held-out reviews`);
  return { outcome, eventId, reviews, items: items.length, heldOut: report.heldOut, current: scores(report.current), fitted: scores(report.fitted) };
}
