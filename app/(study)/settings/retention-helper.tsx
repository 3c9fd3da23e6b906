"use client";

// The desired-retention helper: a year of the learner's own collection simulated at each retention from 70 % to 97 %,
// with the workload and the memory of each; the one with the most memory per minute of review is suggested, and the
// learner picks whichever they like (saved at once).
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { JobView } from "@/lib/jobs/status";
import type { RetentionResult } from "@/lib/memory-model/retention";
import { JobProgress } from "./job-progress";
import { isActive } from "./use-memory-model";

const QUIET_BUTTON = "rounded-md border border-stone-300 px-3 py-1.5 text-sm font-medium hover:bg-stone-100 disabled:opacity-60 dark:border-stone-700 dark:hover:bg-stone-800";
const percent = (retention: number) => `${Math.round(retention * 100)} %`;

export function RetentionHelper({
  job,
  desiredRetention,
  disabled,
  send,
}: {
  job: JobView | null;
  desiredRetention: number;
  disabled: boolean;
  send: (path: string, body?: object) => Promise<unknown>;
}) {
  const router = useRouter();
  const [chosen, setChosen] = useState(desiredRetention);
  const result = job?.status === "succeeded" ? (job.result as RetentionResult) : null;

  async function choose(retention: number) {
    if (await send("desired-retention", { desiredRetention: retention })) {
      setChosen(retention);
      router.refresh(); // the settings form above shows the new retention
    }
  }

  return (
    <div className="space-y-2">
      <h3 className="font-medium">Desired retention</h3>
      <p className="text-sm text-stone-600 dark:text-stone-400">
        Simulates your next year with your cards, your parameters and your own answer times at each desired retention from 70 % to 97 %: how much you
        would review, and how many cards you would remember. Yours is {percent(chosen)}.
      </p>
      {isActive(job) ? (
        <JobProgress job={job!} label="Simulation progress" />
      ) : (
        <button type="button" className={QUIET_BUTTON} disabled={disabled} onClick={() => void send("retention")}>
          {result ? "Simulate again" : "Simulate a year at each retention"}
        </button>
      )}
      {job?.status === "failed" && <p role="alert" className="text-sm text-red-700 dark:text-red-400">{job.error ?? "The simulation failed."} Nothing was changed; try again.</p>}
      {result && (
        <div className="space-y-2" data-testid="retention-helper">
          <p role="status" className="text-sm">
            Suggested: <strong>{percent(result.suggested)}</strong>, the retention that buys the most memory per minute of review over {result.days} days
            ({result.studied} studied cards, {result.newCards} new ones at your daily limit
            {result.ownTimes ? ", your own answer times" : ", typical answer times until you have more reviews"}). Higher retentions remember more, for more
            minutes a day: the choice is yours.
          </p>
          <div className="max-h-96 overflow-auto">
            <table className="w-full min-w-[32rem] text-left text-sm">
              <caption className="sr-only">A simulated year at each desired retention</caption>
              <thead className="sticky top-0 bg-white dark:bg-stone-950">
                <tr className="border-b border-stone-200 dark:border-stone-700">
                  <th scope="col" className="py-1 font-medium">Retention</th>
                  <th scope="col" className="py-1 font-medium">Reviews a day</th>
                  <th scope="col" className="py-1 font-medium">Minutes a day</th>
                  <th scope="col" className="py-1 font-medium">Cards remembered</th>
                  <th scope="col" className="py-1 font-medium">Remembered per hour</th>
                  <th scope="col" className="py-1 font-medium"><span className="sr-only">Choose</span></th>
                </tr>
              </thead>
              <tbody className="tabular-nums">
                {result.outcomes.map((outcome) => {
                  const suggested = outcome.desiredRetention === result.suggested;
                  const current = Math.abs(outcome.desiredRetention - chosen) < 1e-9;
                  return (
                    <tr key={outcome.desiredRetention} className={suggested ? "bg-emerald-50 dark:bg-emerald-950" : "border-b border-stone-100 dark:border-stone-800"}>
                      <th scope="row" className="whitespace-nowrap py-1 font-normal">
                        {percent(outcome.desiredRetention)}
                        {suggested && <span className="ml-2 text-xs font-medium text-emerald-800 dark:text-emerald-300">suggested</span>}
                      </th>
                      <td>{outcome.reviewsPerDay.toFixed(1)}</td>
                      <td>{outcome.minutesPerDay.toFixed(1)}</td>
                      <td>{Math.round(outcome.remembered)}</td>
                      <td>{outcome.rememberedPerHour.toFixed(1)}</td>
                      <td className="py-1">
                        {current ? (
                          <span className="text-xs text-stone-600 dark:text-stone-400">in use</span>
                        ) : (
                          <button type="button" className={`${QUIET_BUTTON} whitespace-nowrap`} disabled={disabled} onClick={() => void choose(outcome.desiredRetention)}>
                            Use {percent(outcome.desiredRetention)}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}
