// A bar chart drawn on the server: visx computes the scales and the stacks, React writes the SVG, and the browser
// receives no chart JavaScript. The SVG stretches to the width it is given; its labels are HTML beside it, so they
// stay readable on a phone. Every chart has its numbers as a table (in a <details>) for screen readers and anyone.
import { scaleBand, scaleLinear } from "@visx/scale";
import { BarStack } from "@visx/shape";

export type ChartSeries = { key: string; label: string; /** Tailwind fill classes (light and dark) */ fill: string; swatch: string };
export type ChartPoint = { key: string; /** Short label for the axis ends. */ short: string; /** Full label, for the tooltip and the table. */ label: string; values: Record<string, number> };

const WIDTH_PER_BAR = 10;
const HEIGHT = 100;

export function BarChart({
  id,
  title,
  summary,
  series,
  points,
  format = (n) => String(n),
  columnLabel,
  totalLabel,
}: {
  id: string;
  title: string;
  /** One sentence a screen reader reads for the chart. */
  summary: string;
  series: ChartSeries[];
  points: ChartPoint[];
  format?: (value: number) => string;
  /** The table's first column's heading (Day, Week, Stability…). */
  columnLabel: string;
  /** With several series, the table adds a total column. */
  totalLabel?: string;
}) {
  const width = Math.max(1, points.length) * WIDTH_PER_BAR;
  const totals = points.map((p) => series.reduce((sum, s) => sum + (p.values[s.key] ?? 0), 0));
  const y = scaleLinear<number>({ domain: [0, Math.max(1, ...totals)], range: [HEIGHT, 0], nice: 4 });
  const x = scaleBand<string>({ domain: points.map((p) => p.key), range: [0, width], padding: points.length > 60 ? 0.1 : 0.2 });
  const ticks = y.ticks(3).filter((t) => t > 0 && Number.isInteger(t));
  const top = y.domain()[1]!;

  return (
    <figure aria-labelledby={`${id}-title`} className="space-y-2">
      <figcaption>
        <h3 id={`${id}-title`} className="font-medium">
          {title}
        </h3>
        <p className="text-sm text-stone-600 dark:text-stone-400">{summary}</p>
      </figcaption>
      <div className="relative h-36 pl-10">
        {ticks.map((t) => (
          <span key={t} aria-hidden className="absolute left-0 w-9 text-right text-xs tabular-nums text-stone-500 dark:text-stone-400" style={{ bottom: `calc(${(t / top) * 100}% - 0.5rem)` }}>
            {format(t)}
          </span>
        ))}
        <svg viewBox={`0 0 ${width} ${HEIGHT}`} preserveAspectRatio="none" className="h-full w-full" role="img" aria-label={`${title}: ${summary}`}>
          {ticks.map((t) => (
            <line key={t} x1={0} x2={width} y1={y(t)} y2={y(t)} vectorEffect="non-scaling-stroke" className="stroke-stone-200 dark:stroke-stone-700" strokeDasharray="2 3" />
          ))}
          <line x1={0} x2={width} y1={HEIGHT} y2={HEIGHT} vectorEffect="non-scaling-stroke" className="stroke-stone-400 dark:stroke-stone-600" />
          <BarStack<ChartPoint, string> data={points} keys={series.map((s) => s.key)} value={(p, key) => p.values[key] ?? 0} x={(p) => p.key} xScale={x} yScale={y} color={() => ""}>
            {(stacks) =>
              stacks.map((stack) => {
                const s = series.find((candidate) => candidate.key === stack.key)!;
                return stack.bars
                  .filter((bar) => bar.height > 0)
                  .map((bar) => (
                    <rect key={`${stack.key}-${bar.index}`} x={bar.x} y={bar.y} width={bar.width} height={bar.height} className={s.fill}>
                      <title>{`${points[bar.index]!.label}: ${series.length > 1 ? `${s.label} ` : ""}${format(points[bar.index]!.values[s.key] ?? 0)}`}</title>
                    </rect>
                  ));
              })
            }
          </BarStack>
        </svg>
      </div>
      <div aria-hidden className="flex justify-between pl-10 text-xs text-stone-500 dark:text-stone-400">
        <span>{points[0]?.short}</span>
        <span>{points.at(-1)?.short}</span>
      </div>
      {series.length > 1 && (
        <ul className="flex flex-wrap gap-x-4 gap-y-1 pl-10 text-xs text-stone-700 dark:text-stone-300" aria-label="Legend">
          {series.map((s) => (
            <li key={s.key} className="flex items-center gap-1.5">
              <span aria-hidden className={`inline-block size-2.5 rounded-sm ${s.swatch}`} />
              {s.label}
            </li>
          ))}
        </ul>
      )}
      <details className="text-sm">
        <summary className="cursor-pointer text-stone-600 underline-offset-2 hover:underline dark:text-stone-400">{title}: as a table</summary>
        <div className="mt-2 max-h-80 overflow-auto">
          <table className="w-full text-left tabular-nums">
            <thead className="sticky top-0 bg-stone-50 dark:bg-stone-950">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">
                  {columnLabel}
                </th>
                {series.map((s) => (
                  <th key={s.key} scope="col" className="py-1 pr-3 text-right font-medium">
                    {s.label}
                  </th>
                ))}
                {totalLabel && series.length > 1 && (
                  <th scope="col" className="py-1 text-right font-medium">
                    {totalLabel}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {points.map((p, i) => (
                <tr key={p.key} className="border-t border-stone-200 dark:border-stone-800">
                  <th scope="row" className="py-1 pr-3 font-normal">
                    {p.label}
                  </th>
                  {series.map((s) => (
                    <td key={s.key} className="py-1 pr-3 text-right">
                      {format(p.values[s.key] ?? 0)}
                    </td>
                  ))}
                  {totalLabel && series.length > 1 && <td className="py-1 text-right">{format(totals[i]!)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
