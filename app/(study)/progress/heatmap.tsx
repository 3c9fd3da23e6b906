// The calendar heatmap: a year of study days, one square per day, Monday on top, shaded by quartile of the
// learner's own busy days. Fixed-size squares in a box that scrolls sideways on a phone and opens on the latest
// weeks (a right-to-left box, no script). Its numbers are also a table by month.
import { formatCount } from "@/lib/progress/format";
import { formatDay, formatMonth, formatMonthYear } from "@/lib/progress/days";
import type { Heatmap as HeatmapData } from "@/lib/progress/series";

const CELL = 11;
const PITCH = 14;
const LEFT = 30;
const TOP = 16;

const LEVEL_FILL = [
  "fill-stone-200 dark:fill-stone-800",
  "fill-emerald-200 dark:fill-emerald-900",
  "fill-emerald-400 dark:fill-emerald-700",
  "fill-emerald-600 dark:fill-emerald-500",
  "fill-emerald-800 dark:fill-emerald-300",
] as const;
const LEVEL_SWATCH = ["bg-stone-200 dark:bg-stone-800", "bg-emerald-200 dark:bg-emerald-900", "bg-emerald-400 dark:bg-emerald-700", "bg-emerald-600 dark:bg-emerald-500", "bg-emerald-800 dark:bg-emerald-300"] as const;

const reviews = (n: number) => `${formatCount(n)} ${n === 1 ? "review" : "reviews"}`;

function levelRanges(thresholds: [number, number, number]): string[] {
  const [a, b, c] = thresholds;
  const range = (from: number, to: number) => (from >= to ? `${to}` : `${from}–${to}`);
  return ["none", range(1, a), range(a + 1, b), range(b + 1, c), `more than ${c}`];
}

export function Heatmap({ data, today }: { data: HeatmapData; today: string }) {
  const width = LEFT + data.weeks.length * PITCH;
  const height = TOP + 7 * PITCH;
  const summary =
    data.total === 0
      ? "No reviews in the last year yet."
      : `${reviews(data.total)} on ${data.daysStudied} of 365 days${data.busiest ? `; the busiest was ${formatDay(data.busiest.day)} with ${reviews(data.busiest.count)}` : ""}.`;
  const ranges = levelRanges(data.thresholds);
  return (
    <figure aria-labelledby="heatmap-title" className="space-y-2">
      <figcaption>
        <h3 id="heatmap-title" className="font-medium">
          Reviews per day, last 365 days
        </h3>
        <p className="text-sm text-stone-600 dark:text-stone-400">{summary}</p>
      </figcaption>
      <div dir="rtl" className="overflow-x-auto" tabIndex={0} role="region" aria-label="Calendar of reviews per day (scrolls sideways)">
        <div dir="ltr" className="w-max">
        <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Calendar of reviews per day: ${summary}`} className="text-[10px]">
          {data.months.filter((m, i, all) => (all[i + 1]?.week ?? Infinity) - m.week >= 3).map((m) => (
            <text key={m.day} x={LEFT + m.week * PITCH} y={10} className="fill-stone-500 dark:fill-stone-400">
              {formatMonth(m.day)}
            </text>
          ))}
          {["Mon", "Wed", "Fri"].map((label, i) => (
            <text key={label} x={0} y={TOP + i * 2 * PITCH + CELL - 1} className="fill-stone-500 dark:fill-stone-400">
              {label}
            </text>
          ))}
          {data.weeks.map((week, w) =>
            week.map((cell, d) =>
              cell ? (
                <rect
                  key={cell.day}
                  x={LEFT + w * PITCH}
                  y={TOP + d * PITCH}
                  width={CELL}
                  height={CELL}
                  rx={2}
                  className={`${LEVEL_FILL[cell.level]}${cell.day === today ? " stroke-stone-900 dark:stroke-white" : ""}`}
                  strokeWidth={cell.day === today ? 1.5 : undefined}
                  data-testid={cell.day === today ? "heatmap-today" : undefined}
                  data-count={cell.count}
                >
                  <title>{`${cell.day === today ? "Today, " : ""}${formatDay(cell.day)}: ${reviews(cell.count)}`}</title>
                </rect>
              ) : null,
            ),
          )}
        </svg>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-stone-600 dark:text-stone-400">
        <span>Reviews a day:</span>
        {ranges.map((range, level) => (
          <span key={level} className="flex items-center gap-1">
            <span aria-hidden className={`inline-block size-2.5 rounded-sm ${LEVEL_SWATCH[level]}`} />
            {range}
          </span>
        ))}
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-stone-600 underline-offset-2 hover:underline dark:text-stone-400">Reviews per month: as a table</summary>
        <table className="mt-2 w-full max-w-md text-left tabular-nums">
          <thead>
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">
                Month
              </th>
              <th scope="col" className="py-1 pr-3 text-right font-medium">
                Days studied
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Reviews
              </th>
            </tr>
          </thead>
          <tbody>
            {data.byMonth.map((m) => (
              <tr key={m.month} className="border-t border-stone-200 dark:border-stone-800">
                <th scope="row" className="py-1 pr-3 font-normal">
                  {formatMonthYear(`${m.month}-01`)}
                </th>
                <td className="py-1 pr-3 text-right">{m.daysStudied}</td>
                <td className="py-1 text-right">{formatCount(m.reviews)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
