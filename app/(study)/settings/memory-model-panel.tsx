"use client";

// "Your memory model" on the settings page: optimize (once there are enough reviews), the outcome with its held-out
// metrics, the history with revert, and rescheduling on request. Each long step is a background job polled here.
import type { JobView } from "@/lib/jobs/status";
import type { MemoryModelEventView, MemoryModelState } from "@/lib/memory-model/model";
import type { OptimizeResult } from "@/lib/memory-model/optimize";
import type { RescheduleResult } from "@/lib/memory-model/reschedule";
import { JobProgress } from "./job-progress";
import { RetentionHelper } from "./retention-helper";
import { isActive, useMemoryModel } from "./use-memory-model";

const BUTTON = "rounded-md bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800 disabled:opacity-60";
const QUIET_BUTTON = "rounded-md border border-stone-300 px-3 py-1.5 text-sm font-medium hover:bg-stone-100 disabled:opacity-60 dark:border-stone-700 dark:hover:bg-stone-800";

export const logLoss = (value: number) => value.toFixed(4);
export const rmse = (value: number) => `${(value * 100).toFixed(2)} %`;
const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

function OptimizeOutcome({ job }: { job: JobView }) {
  if (job.status === "failed") {
    return <p role="alert" className="text-sm text-red-700 dark:text-red-400">{job.error ?? "The optimization failed."} Nothing was changed; try again later.</p>;
  }
  const result = job.result as OptimizeResult | null;
  if (!result) return null;
  if (result.outcome === "too-few") {
    return <p role="status" className="text-sm">Not enough reviews to fit: {result.items} of the {result.minimum} needed. Nothing was changed.</p>;
  }
  const applied = result.outcome === "applied";
  const message = applied
    ? "Applied: the fitted parameters predict your held-out reviews better than the ones you had, so your next intervals use them. Reschedule below to move reviews already planned."
    : result.outcome === "kept"
      ? "Kept your current parameters: the fitted ones did not predict your held-out reviews better. Nothing was changed."
      : "Not applied: your parameters changed while this ran (a revert). Optimize again to compare with the ones in use.";
  return (
    <div className="space-y-2" data-testid="optimize-outcome">
      <p role="status" className={applied ? "rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" : "rounded-md bg-stone-100 px-3 py-2 text-sm dark:bg-stone-800"}>
        {message}
      </p>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Predictions of your {result.heldOut} held-out reviews (lower is better)</caption>
        <thead>
          <tr className="border-b border-stone-200 dark:border-stone-700">
            <th scope="col" className="py-1 font-medium">On {result.heldOut} held-out reviews</th>
            <th scope="col" className="py-1 font-medium">Before</th>
            <th scope="col" className="py-1 font-medium">Fitted</th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          <tr data-testid="metric-log-loss">
            <th scope="row" className="py-1 font-normal">Log loss (lower is better)</th>
            <td>{logLoss(result.current.logLoss)}</td>
            <td>{logLoss(result.fitted.logLoss)}</td>
          </tr>
          <tr data-testid="metric-rmse">
            <th scope="row" className="py-1 font-normal">RMSE (bins; lower is better)</th>
            <td>{rmse(result.current.rmseBins)}</td>
            <td>{rmse(result.fitted.rmseBins)}</td>
          </tr>
        </tbody>
      </table>
      <p className="text-xs text-stone-600 dark:text-stone-400">
        Fitted on your earlier reviews and tested on later ones it did not see ({result.items} reviews FSRS can learn from).
      </p>
    </div>
  );
}

function eventOutcome(event: MemoryModelEventView) {
  if (event.kind === "REVERTED") return "Reverted to the parameters before";
  return event.applied ? "Applied" : "Kept the parameters in use";
}

function History({ history, onRevert, disabled }: { history: MemoryModelEventView[]; onRevert: (id: string) => void; disabled: boolean }) {
  if (history.length === 0) return null;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer font-medium">History ({history.length})</summary>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full min-w-[36rem] text-left">
          <thead>
            <tr className="border-b border-stone-200 dark:border-stone-700">
              <th scope="col" className="py-1 font-medium">When</th>
              <th scope="col" className="py-1 font-medium">Reviews</th>
              <th scope="col" className="py-1 font-medium">Log loss</th>
              <th scope="col" className="py-1 font-medium">RMSE</th>
              <th scope="col" className="py-1 font-medium">Outcome</th>
              <th scope="col" className="py-1 font-medium"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {history.map((event) => (
              <tr key={event.id} className="border-b border-stone-100 dark:border-stone-800">
                <td className="py-1">{when(event.at)}</td>
                <td>{event.kind === "OPTIMIZED" ? `${event.items} (${event.heldOut} held out)` : "—"}</td>
                <td>{event.current && event.fitted ? `${logLoss(event.current.logLoss)} → ${logLoss(event.fitted.logLoss)}` : "—"}</td>
                <td>{event.current && event.fitted ? `${rmse(event.current.rmseBins)} → ${rmse(event.fitted.rmseBins)}` : "—"}</td>
                <td>{eventOutcome(event)}</td>
                <td>
                  {event.revertible && (
                    <button type="button" className={QUIET_BUTTON} disabled={disabled} onClick={() => onRevert(event.id)}>
                      Revert
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function RescheduleOutcome({ job }: { job: JobView }) {
  if (job.status === "failed") return <p role="alert" className="text-sm text-red-700 dark:text-red-400">{job.error ?? "Rescheduling failed."} Your cards keep their previous dates; try again.</p>;
  const result = job.result as RescheduleResult | null;
  if (!result) return null;
  return (
    <p role="status" className="text-sm" data-testid="reschedule-outcome">
      Rescheduled: {result.moved} reviews moved ({result.earlier} earlier, {result.later} later).
      {result.skipped > 0 && ` ${result.skipped} cards you answered meanwhile kept the dates their answers gave them.`} Undo still works on your last answers.
    </p>
  );
}

export function MemoryModelPanel({ initial, desiredRetention }: { initial: MemoryModelState; desiredRetention: number }) {
  const { state, problem, send } = useMemoryModel(initial);
  const { optimize, reschedule, retention } = state.jobs;
  const enough = state.usable.items >= state.minimum;
  const fitted = state.parameters.length > 0;
  const anyActive = isActive(optimize) || isActive(reschedule) || isActive(retention);

  return (
    <section aria-labelledby="memory-model-heading" className="space-y-4 rounded-lg border border-stone-200 p-4 dark:border-stone-700">
      <h2 id="memory-model-heading" className="text-lg font-semibold">Your memory model</h2>
      <p className="text-sm" data-testid="parameters-in-use">
        {fitted ? "Your cards are scheduled with parameters fitted to your own reviews." : "Your cards are scheduled with FSRS's default parameters, fitted to many learners' reviews."}
        {state.problem && ` Your stored parameters are not valid (${state.problem}), so the defaults apply.`}
      </p>
      {problem && <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">{problem}</p>}

      <div className="space-y-2">
        <h3 className="font-medium">Optimize</h3>
        {enough ? (
          <>
            <p className="text-sm text-stone-600 dark:text-stone-400">
              Fits FSRS to your {state.usable.items} reviews, then compares the fit with your current parameters on your latest reviews, which the fit did not see. It is applied only if it predicts them better.
            </p>
            {isActive(optimize) ? (
              <JobProgress job={optimize!} label="Optimization progress" />
            ) : (
              <button type="button" className={BUTTON} disabled={anyActive} onClick={() => void send("optimize")}>
                Optimize my memory model
              </button>
            )}
          </>
        ) : (
          <p className="text-sm" data-testid="optimize-not-yet">
            Optimizing needs at least {state.minimum} reviews FSRS can learn from (answers on a later day than the card&apos;s previous one); you have {state.usable.items}. Keep reviewing: the button appears here once you have enough.
          </p>
        )}
        {optimize && !isActive(optimize) && <OptimizeOutcome job={optimize} />}
        <History history={state.history} disabled={anyActive} onRevert={(eventId) => void send("revert", { eventId })} />
      </div>

      <div className="space-y-2">
        <h3 className="font-medium">Reschedule</h3>
        <p className="text-sm text-stone-600 dark:text-stone-400">
          New parameters apply to each card at its next answer. To move the reviews already planned as well, recompute every card&apos;s memory from its history now.
        </p>
        {isActive(reschedule) ? (
          <JobProgress job={reschedule!} label="Rescheduling progress" />
        ) : (
          <button type="button" className={QUIET_BUTTON} disabled={anyActive || state.usable.reviews === 0} onClick={() => void send("reschedule")}>
            Reschedule my cards
          </button>
        )}
        {reschedule && !isActive(reschedule) && <RescheduleOutcome job={reschedule} />}
      </div>

      <RetentionHelper job={retention} desiredRetention={desiredRetention} disabled={anyActive} send={send} />
    </section>
  );
}
