// Activity: the heatmap, streaks, and reviews and time per day over the chosen range.
import Link from "next/link";
import { answers, type Period } from "@/lib/progress/activity";
import { formatDay, formatShortDay } from "@/lib/progress/days";
import { formatCount, formatDuration } from "@/lib/progress/format";
import type { Progress } from "@/lib/progress";
import { bucketDays, buildHeatmap, type Bucket } from "@/lib/progress/series";
import { BarChart, type ChartSeries } from "./bar-chart";
import { Heatmap } from "./heatmap";
import { RANGES, type Range } from "@/lib/progress/params";

const RANGE_PERIOD: Record<Range, Period> = { 30: "month", 90: "quarter", 365: "year" };
const RANGE_LABEL: Record<Range, string> = { 30: "30 days", 90: "90 days", 365: "1 year" };

const KINDS: ChartSeries[] = [
  { key: "learn", label: "Learning", fill: "fill-sky-500 dark:fill-sky-400", swatch: "bg-sky-500 dark:bg-sky-400" },
  { key: "relearn", label: "Relearning", fill: "fill-amber-500 dark:fill-amber-400", swatch: "bg-amber-500 dark:bg-amber-400" },
  { key: "young", label: "Young", fill: "fill-emerald-400 dark:fill-emerald-300", swatch: "bg-emerald-400 dark:bg-emerald-300" },
  { key: "mature", label: "Mature", fill: "fill-emerald-700 dark:fill-emerald-600", swatch: "bg-emerald-700 dark:bg-emerald-600" },
];
const TIME: ChartSeries[] = [{ key: "minutes", label: "Minutes", fill: "fill-indigo-500 dark:fill-indigo-400", swatch: "bg-indigo-500" }];

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

function bucketLabel(b: Bucket, today: string): { short: string; label: string } {
  if (b.first === b.last) return { short: b.last === today ? "Today" : formatShortDay(b.last), label: b.last === today ? `Today, ${formatDay(b.last)}` : formatDay(b.last) };
  return { short: formatShortDay(b.last), label: `${formatShortDay(b.first)} – ${formatShortDay(b.last)}` };
}

function Stat({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId?: string }) {
  return (
    <div className="rounded-lg border border-stone-200 bg-white px-4 py-3 dark:border-stone-800 dark:bg-stone-900">
      <dt className="text-sm text-stone-600 dark:text-stone-400">{label}</dt>
      <dd className="text-xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
      {detail && <dd className="text-xs text-stone-600 dark:text-stone-400">{detail}</dd>}
    </div>
  );
}

export function ActivitySection({ progress, range, rangeHref }: { progress: Progress; range: Range; rangeHref: (range: Range) => string }) {
  const { activity, streaks, today } = progress;
  const todayTally = activity.periods.today;
  const year = activity.periods.year;
  const period = activity.periods[RANGE_PERIOD[range]];
  const heatmap = buildHeatmap(activity.days, today);
  const buckets = bucketDays(activity.days, today, range, range === 365 ? 7 : 1);
  const unit = range === 365 ? "week" : "day";
  const points = buckets.map((b) => ({
    key: b.last,
    ...bucketLabel(b, today),
    values: {
      learn: b.learnPass + b.learnFail,
      relearn: b.relearnPass + b.relearnFail,
      young: b.youngPass + b.youngFail,
      mature: b.maturePass + b.matureFail,
      minutes: b.ms / 60_000,
    },
  }));
  const total = answers(period);
  const current = streaks.current;

  return (
    <section aria-labelledby="activity" className="space-y-6">
      <h2 id="activity" className="text-xl font-semibold">
        Activity
      </h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label="Today" value={plural(answers(todayTally), "review")} detail={formatDuration(todayTally.ms)} testId="today-reviews" />
        <Stat
          label="Current streak"
          value={plural(current.days, "day")}
          detail={current.days === 0 ? "Review today to start one." : current.includesToday ? `Since ${formatShortDay(current.first!)}` : "Review today to keep it."}
          testId="current-streak"
        />
        <Stat
          label="Longest streak"
          value={plural(streaks.longest.days, "day")}
          detail={streaks.longest.first ? `${formatShortDay(streaks.longest.first)} – ${formatShortDay(streaks.longest.last!)}` : undefined}
        />
        <Stat label="Days studied, last year" value={`${year.daysStudied} of 365`} detail={`${Math.round((100 * year.daysStudied) / 365)} %`} />
      </dl>

      <Heatmap data={heatmap} today={today} />

      <nav aria-label="Range of the charts below" className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-stone-600 dark:text-stone-400">Show the last</span>
        {RANGES.map((r) => (
          <Link
            key={r}
            href={rangeHref(r)}
            scroll={false}
            aria-current={r === range ? "page" : undefined}
            className={`rounded-full border px-3 py-1 ${r === range ? "border-indigo-700 bg-indigo-700 text-white dark:border-indigo-400 dark:bg-indigo-400 dark:text-stone-950" : "border-stone-300 hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800"}`}
          >
            {RANGE_LABEL[r]}
          </Link>
        ))}
      </nav>
      <div className="grid gap-8 lg:grid-cols-2">
        <BarChart
          id="reviews-chart"
          title={`Reviews per ${unit}`}
          summary={`${plural(total, "review")} in the last ${RANGE_LABEL[range]}, on ${plural(period.daysStudied, "day")}; ${formatCount(Math.round(total / range))} a day on average, ${formatCount(period.daysStudied ? Math.round(total / period.daysStudied) : 0)} on days studied.`}
          series={KINDS}
          points={points}
          format={formatCount}
          columnLabel={unit === "week" ? "Week" : "Day"}
          totalLabel="Total"
        />
        <BarChart
          id="time-chart"
          title={`Time spent per ${unit}`}
          summary={`${formatDuration(period.ms)} in the last ${RANGE_LABEL[range]}; ${formatDuration(period.daysStudied ? period.ms / period.daysStudied : 0)} on an average day studied${total ? `, ${(period.ms / total / 1000).toFixed(1)} s a review` : ""}.`}
          series={TIME}
          points={points}
          format={(minutes) => formatDuration(minutes * 60_000)}
          columnLabel={unit === "week" ? "Week" : "Day"}
        />
      </div>
    </section>
  );
}
