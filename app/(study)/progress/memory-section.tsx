// Memory: true retention as Anki shows it, cards by state, FSRS's memory state of the studied cards, and what is
// coming in the next 30 study days.
import type { Progress } from "@/lib/progress";
import { PERIODS, type Period, type Tally } from "@/lib/progress/activity";
import { addDays, formatDay, formatShortDay } from "@/lib/progress/days";
import { formatCount, formatDays, formatShare } from "@/lib/progress/format";
import { CARD_STATES, PERCENT_BINS, STABILITY_EDGES, type CardStateBucket } from "@/lib/progress/memory";
import { ScrollBox } from "./scroll-box";
import { BarChart, type ChartSeries } from "./bar-chart";

const PERIOD_LABEL: Record<Period, string> = {
  today: "Today",
  yesterday: "Yesterday",
  week: "Last 7 days",
  month: "Last 30 days",
  quarter: "Last 90 days",
  year: "Last 365 days",
  all: "All time",
};

const STATE_LABEL: Record<CardStateBucket, string> = {
  new: "New",
  learning: "Learning",
  young: "Young (interval under 21 days)",
  mature: "Mature (21 days or more)",
  relearning: "Relearning",
  suspended: "Suspended",
};
const STATE_COLOUR: Record<CardStateBucket, string> = {
  new: "bg-stone-300 dark:bg-stone-600",
  learning: "bg-sky-500 dark:bg-sky-400",
  young: "bg-emerald-400 dark:bg-emerald-300",
  mature: "bg-emerald-700 dark:bg-emerald-600",
  relearning: "bg-amber-500 dark:bg-amber-400",
  suspended: "bg-stone-500 dark:bg-stone-400",
};

function RetentionCell({ pass, fail, testId }: { pass: number; fail: number; testId?: string }) {
  const total = pass + fail;
  return (
    <td className="py-2 pr-4 text-right" data-testid={testId}>
      <span className="font-medium">{formatShare(pass, total)}</span>
      <span className="block text-xs text-stone-600 dark:text-stone-400">
        {total === 0 ? "no reviews" : `${formatCount(pass)} of ${formatCount(total)}`}
      </span>
    </td>
  );
}

function RetentionTable({ periods, desired }: { periods: Record<Period, Tally>; desired: number }) {
  return (
    <div className="space-y-2">
      <h3 className="font-medium" id="retention-title">
        True retention
      </h3>
      <p className="text-sm text-stone-600 dark:text-stone-400">
        The share of reviews not answered Again, as Anki counts it: review cards only, young and mature apart. Your desired retention is{" "}
        {Math.round(desired * 100)} %. Answers to new, learning and relearning cards are counted separately: they are not a test of memory.
      </p>
      <ScrollBox label="True retention (scrolls sideways)">
        <table className="w-full min-w-[34rem] text-left tabular-nums" aria-labelledby="retention-title" data-testid="retention-table">
          <thead>
            <tr className="border-b border-stone-300 dark:border-stone-700">
              <th scope="col" className="py-2 pr-4 font-medium">
                Period
              </th>
              <th scope="col" className="py-2 pr-4 text-right font-medium">
                Young
              </th>
              <th scope="col" className="py-2 pr-4 text-right font-medium">
                Mature
              </th>
              <th scope="col" className="py-2 pr-4 text-right font-medium">
                All review cards
              </th>
              <th scope="col" className="py-2 pr-4 text-right font-medium">
                Learning and relearning
              </th>
            </tr>
          </thead>
          <tbody>
            {PERIODS.map((p) => {
              const t = periods[p];
              return (
                <tr key={p} className="border-b border-stone-200 dark:border-stone-800">
                  <th scope="row" className="py-2 pr-4 font-normal">
                    {PERIOD_LABEL[p]}
                  </th>
                  <RetentionCell pass={t.youngPass} fail={t.youngFail} />
                  <RetentionCell pass={t.maturePass} fail={t.matureFail} />
                  <RetentionCell pass={t.youngPass + t.maturePass} fail={t.youngFail + t.matureFail} testId={`retention-${p}-review`} />
                  <RetentionCell pass={t.learnPass + t.relearnPass} fail={t.learnFail + t.relearnFail} testId={`retention-${p}-learning`} />
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollBox>
    </div>
  );
}

function CardStates({ states }: { states: Record<CardStateBucket, number> }) {
  const total = CARD_STATES.reduce((sum, s) => sum + states[s], 0);
  return (
    <div className="space-y-2">
      <h3 className="font-medium" id="states-title">
        Cards by state
      </h3>
      <p className="text-sm text-stone-600 dark:text-stone-400">{formatCount(total)} cards in the decks you study.</p>
      {total > 0 && (
        <div aria-hidden className="flex h-3 overflow-hidden rounded-full">
          {CARD_STATES.filter((s) => states[s] > 0).map((s) => (
            <div key={s} className={STATE_COLOUR[s]} style={{ width: `${(100 * states[s]) / total}%` }} />
          ))}
        </div>
      )}
      <table className="w-full max-w-md text-left text-sm tabular-nums" aria-labelledby="states-title" data-testid="card-states">
        <tbody>
          {CARD_STATES.map((s) => (
            <tr key={s} className="border-b border-stone-200 dark:border-stone-800">
              <th scope="row" className="py-1.5 pr-3 font-normal">
                <span aria-hidden className={`mr-2 inline-block size-2.5 rounded-sm ${STATE_COLOUR[s]}`} />
                {STATE_LABEL[s]}
              </th>
              <td className="py-1.5 pr-3 text-right" data-testid={`cards-${s}`}>
                {formatCount(states[s])}
              </td>
              <td className="py-1.5 text-right text-stone-600 dark:text-stone-400">{formatShare(states[s], total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const one = (key: string, label: string, fill: string): ChartSeries[] => [{ key, label, fill, swatch: "" }];

function stabilityLabel(i: number): string {
  const edges = STABILITY_EDGES;
  if (i === 0) return `under ${formatDays(edges[0])}`;
  if (i === edges.length) return `${formatDays(edges[edges.length - 1]!)} or more`;
  return `${formatDays(edges[i - 1]!)} to ${formatDays(edges[i]!)}`;
}

const percentBin = (i: number) => `${(i * 100) / PERCENT_BINS}–${((i + 1) * 100) / PERCENT_BINS} %`;

export function MemorySection({ progress }: { progress: Progress }) {
  const { memory, activity, settings, today } = progress;
  const studied = memory.studied;
  const cards = (n: number) => `${formatCount(n)} ${n === 1 ? "card" : "cards"}`;
  const dueTotal = memory.forecast.reduce((s, n) => s + n, 0);
  return (
    <section aria-labelledby="memory" className="space-y-8">
      <h2 id="memory" className="text-xl font-semibold">
        Memory
      </h2>
      <RetentionTable periods={activity.periods} desired={settings.desiredRetention} />
      <div className="grid gap-8 lg:grid-cols-2">
        <CardStates states={memory.states} />
        <div className="space-y-2">
          <h3 className="font-medium">Recall now</h3>
          {memory.averageRetrievability === null ? (
            <p className="text-sm text-stone-600 dark:text-stone-400">Once you have studied cards, FSRS predicts how likely you are to recall each of them now.</p>
          ) : (
            <>
              <p className="text-3xl font-semibold tabular-nums" data-testid="average-retrievability">
                {formatShare(memory.averageRetrievability, 1)}
              </p>
              <p className="text-sm text-stone-700 dark:text-stone-300">
                FSRS&apos;s predicted chance of recalling a studied card if it were asked now, on average over {cards(studied)}: about{" "}
                {formatCount(Math.round(memory.expectedRecalled))} of them.
              </p>
            </>
          )}
        </div>
      </div>
      {studied > 0 && (
        <div className="grid gap-8 lg:grid-cols-3">
          <BarChart
            id="stability-chart"
            title="Stability"
            summary={`How long until recall drops to 90 %. Average ${formatDays(memory.averageStability ?? 0)} over ${cards(studied)}.`}
            series={one("cards", "Cards", "fill-teal-600 dark:fill-teal-400")}
            points={memory.stability.map((n, i) => ({ key: String(i), short: i === 0 ? "< 1 day" : i === STABILITY_EDGES.length ? `≥ ${formatDays(STABILITY_EDGES.at(-1)!)}` : "", label: stabilityLabel(i), values: { cards: n } }))}
            format={formatCount}
            columnLabel="Stability"
          />
          <BarChart
            id="difficulty-chart"
            title="Difficulty"
            summary={`FSRS's difficulty (1–10) as 0–100 %. Average ${formatShare(memory.averageDifficulty ?? 0, 1)}.`}
            series={one("cards", "Cards", "fill-rose-400 dark:fill-rose-300")}
            points={memory.difficulty.map((n, i) => ({ key: String(i), short: i === 0 ? "0 %" : i === PERCENT_BINS - 1 ? "100 %" : "", label: percentBin(i), values: { cards: n } }))}
            format={formatCount}
            columnLabel="Difficulty"
          />
          <BarChart
            id="retrievability-chart"
            title="Retrievability now"
            summary={`The chance of recalling each card now. Average ${formatShare(memory.averageRetrievability ?? 0, 1)}.`}
            series={one("cards", "Cards", "fill-emerald-600 dark:fill-emerald-400")}
            points={memory.retrievability.map((n, i) => ({ key: String(i), short: i === 0 ? "0 %" : i === PERCENT_BINS - 1 ? "100 %" : "", label: percentBin(i), values: { cards: n } }))}
            format={formatCount}
            columnLabel="Retrievability"
          />
        </div>
      )}
      <BarChart
        id="forecast-chart"
        title="Due in the next 30 days"
        summary={`${cards(dueTotal)} due, ${formatCount(Math.round(dueTotal / memory.forecast.length))} a day on average; ${cards(memory.forecast[1] ?? 0)} tomorrow${memory.overdue ? `; today's ${formatCount(memory.forecast[0] ?? 0)} include ${formatCount(memory.overdue)} overdue` : ""}. Suspended and new cards are not counted.`}
        series={one("cards", "Cards due", "fill-indigo-500 dark:fill-indigo-400")}
        points={memory.forecast.map((n, i) => {
          const day = addDays(today, i);
          return { key: day, short: i === 0 ? "Today" : formatShortDay(day), label: i === 0 ? `Today, ${formatDay(day)}` : i === 1 ? `Tomorrow, ${formatDay(day)}` : formatDay(day), values: { cards: n } };
        })}
        format={formatCount}
        columnLabel="Study day"
      />
    </section>
  );
}
