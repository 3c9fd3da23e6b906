import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { formatDue, formatLocal } from "@/lib/teach/due";
import { LAB_METRICS, loadGradebook, percent, REVIEW_METRICS, type ColumnMetric, type Gradebook, type GradebookCell } from "@/lib/teach/gradebook";
import { gradebookQuerySchema } from "@/lib/validations/teach";
import { loadOrRefuse } from "../../../../_components/guard";
import { TeachBreadcrumb, classTrail, StatusBadge, inputClass } from "../../../../_components/ui";

export const metadata: Metadata = { title: "Gradebook" };

type Props = { params: Promise<{ classId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const LABEL: Record<ColumnMetric, string> = { studied: "Studied", mastered: "Mastered", recall: "Recall", best: "Best", attempts: "Tries", passed: "Passed" };

export default async function GradebookPage({ params, searchParams }: Props) {
  const { classId } = await params;
  const user = await requireUser(`/teach/classes/${classId}/gradebook`);
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const parsed = gradebookQuerySchema.safeParse({ ...raw, classId });
  const query = parsed.success ? parsed.data : { classId };
  const loaded = await loadOrRefuse(
    loadGradebook(getDb(), user, classId, { trackId: query.track, lateOnly: query.late === "1" || query.late === "on", sort: query.sort, dir: query.dir }),
  );
  if (!loaded.ok) return loaded.page;
  const book = loaded.value;
  const tz = book.access.timeZone;
  const keep = { track: book.query.trackId ?? "", late: book.query.lateOnly ? "1" : "" };
  const csvQuery = new URLSearchParams(Object.entries({ ...keep, sort: book.query.sort, dir: book.query.dir }).filter(([, value]) => value));

  return (
    <div className="space-y-4">
      <TeachBreadcrumb trail={classTrail(classId, book.access.className)} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold">Gradebook</h1>
        <a href={`/api/teach/classes/${classId}/gradebook/csv?${csvQuery}`} download className="rounded-md border border-stone-300 px-3 py-1.5 text-sm hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800">
          Download CSV
        </a>
      </div>

      <form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label="Filters">
        <div className="space-y-1">
          <label htmlFor="filter-track" className="block font-medium">
            Track
          </label>
          <select id="filter-track" name="track" defaultValue={keep.track} className={inputClass}>
            <option value="">All tracks</option>
            {book.tracks.map((track) => (
              <option key={track.id} value={track.id}>
                {track.title}
              </option>
            ))}
          </select>
        </div>
        <label className="flex items-center gap-2 pb-2">
          <input type="checkbox" name="late" value="1" defaultChecked={book.query.lateOnly} /> Late only
        </label>
        <input type="hidden" name="sort" value={book.query.sort} />
        <input type="hidden" name="dir" value={book.query.dir} />
        <button type="submit" className="rounded-md border border-stone-300 px-3 py-2 hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800">
          Apply
        </button>
        <p className="pb-2 text-stone-600 dark:text-stone-400" role="status">
          {book.rows.length} of {book.learnerCount} {book.learnerCount === 1 ? "learner" : "learners"}
        </p>
      </form>

      {book.items.length === 0 ? (
        <p className="text-stone-700 dark:text-stone-300">
          No items yet. <Link href={`/teach/classes/${classId}#tracks`} className="underline">Add a track</Link> with decks or exercises.
        </p>
      ) : (
        <GradebookTable book={book} keep={keep} />
      )}

      <details className="text-sm text-stone-700 dark:text-stone-300">
        <summary className="cursor-pointer font-medium">What the columns mean</summary>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>
            <strong>Studied</strong>: share of the item&apos;s cards reviewed at least once. <strong>Mastered</strong>: share in review with a stability of 21 days or more.
          </li>
          <li>
            <strong>Recall</strong>: answers on the item&apos;s cards over the last 30 days not rated Again, with the number of answers.
          </li>
          <li>
            <strong>Best</strong>, <strong>Tries</strong>, <strong>Passed</strong>: from submissions graded on the server (never browser runs); passed at the item&apos;s pass mark.
          </li>
          <li>
            <strong>On time</strong>: the goal was met at the due instant (a review item&apos;s cards as the review log shows them then), or an exercise was first passed
            by it. <strong>Late</strong>: not met by the due instant. Times are in {tz}.
          </li>
        </ul>
      </details>
    </div>
  );
}

function SortHeader({ book, keep, sort, label, className = "" }: { book: Gradebook; keep: Record<string, string>; sort: string; label: string; className?: string }) {
  const active = book.query.sort === sort;
  const nextDir = active && book.query.dir === "asc" ? "desc" : active ? "asc" : sort === "learner" ? "asc" : "desc";
  return (
    <th scope="col" aria-sort={active ? (book.query.dir === "asc" ? "ascending" : "descending") : "none"} className={`sticky top-16 z-10 bg-stone-100 px-2 py-1 text-right font-medium dark:bg-stone-800 ${className}`}>
      <form method="get">
        {Object.entries(keep).map(([name, value]) => value && <input key={name} type="hidden" name={name} value={value} />)}
        <input type="hidden" name="dir" value={nextDir} />
        <button type="submit" name="sort" value={sort} className="inline-flex items-center gap-1 rounded px-1 hover:bg-stone-200 dark:hover:bg-stone-700" aria-label={`Sort by ${label}`}>
          {label.split(": ").pop()}
          <span aria-hidden className="text-xs text-stone-500 dark:text-stone-400">
            {active ? (book.query.dir === "asc" ? "▲" : "▼") : "↕"}
          </span>
        </button>
      </form>
    </th>
  );
}

function GradebookTable({ book, keep }: { book: Gradebook; keep: Record<string, string> }) {
  const tz = book.access.timeZone;
  const learnerActive = book.query.sort === "learner";
  return (
    <div className="max-h-[75vh] overflow-auto rounded-xl border border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900">
      <table className="min-w-full border-separate border-spacing-0 text-sm tabular-nums" aria-label={`Gradebook of ${book.access.className}`}>
        <thead>
          <tr>
            <th
              scope="col"
              rowSpan={2}
              aria-sort={learnerActive ? (book.query.dir === "asc" ? "ascending" : "descending") : "none"}
              className="sticky top-0 left-0 z-30 border-b border-r border-stone-200 bg-stone-100 px-3 text-left align-bottom font-medium dark:border-stone-700 dark:bg-stone-800"
            >
              <form method="get" className="pb-1">
                {Object.entries(keep).map(([name, value]) => value && <input key={name} type="hidden" name={name} value={value} />)}
                <input type="hidden" name="dir" value={learnerActive && book.query.dir === "asc" ? "desc" : "asc"} />
                <button type="submit" name="sort" value="learner" className="inline-flex items-center gap-1 rounded px-1 hover:bg-stone-200 dark:hover:bg-stone-700" aria-label="Sort by learner">
                  Learner
                  <span aria-hidden className="text-xs text-stone-500 dark:text-stone-400">
                    {learnerActive ? (book.query.dir === "asc" ? "▲" : "▼") : "↕"}
                  </span>
                </button>
              </form>
            </th>
            {book.items.map((item) => (
              <th
                key={item.id}
                scope="colgroup"
                colSpan={3}
                className="sticky top-0 z-20 h-16 max-w-56 border-b border-l border-stone-200 bg-stone-100 px-2 text-left align-top font-medium dark:border-stone-700 dark:bg-stone-800"
              >
                <Link href={item.href} className="line-clamp-1 hover:underline" title={`${item.trackTitle} / ${item.title}`}>
                  {item.title}
                </Link>
                <span className="block text-xs font-normal text-stone-600 dark:text-stone-400">
                  {item.kind === "review" ? `goal ${item.goal}` : `pass ${item.passPercent ?? 100} %`} · {item.dueAt ? `due ${formatDue(item.dueAt, tz)}` : "no due date"}
                </span>
              </th>
            ))}
          </tr>
          <tr>
            {book.items.flatMap((item) =>
              (item.kind === "review" ? REVIEW_METRICS : LAB_METRICS).map((metric, index) => (
                <SortHeader key={`${item.id}.${metric}`} book={book} keep={keep} sort={`${item.id}.${metric}`} label={`${item.title}: ${LABEL[metric]}`} className={`border-b border-stone-200 dark:border-stone-700 ${index === 0 ? "border-l" : ""}`} />
              )),
            )}
          </tr>
        </thead>
        <tbody>
          {book.rows.length === 0 && (
            <tr>
              <td colSpan={1 + book.items.length * 3} className="px-3 py-4 text-stone-600 dark:text-stone-400">
                {book.query.lateOnly ? "Nobody is late." : "No learners yet: share the class's code."}
              </td>
            </tr>
          )}
          {book.rows.map((row) => (
            <tr key={row.learner.id} className="hover:bg-stone-50 dark:hover:bg-stone-800/50" data-testid="gradebook-row" data-learner={row.learner.email}>
              <th scope="row" className="sticky left-0 z-10 border-r border-b border-stone-200 bg-white px-3 py-1.5 text-left font-normal whitespace-nowrap dark:border-stone-800 dark:bg-stone-900">
                <Link href={`/teach/classes/${book.access.classId}/learners/${row.learner.id}`} className="underline">
                  {row.learner.name || row.learner.email}
                </Link>
              </th>
              {row.cells.map((cell, index) => (
                <Cells key={book.items[index]!.id} cell={cell} item={book.items[index]!} timeZone={tz} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const td = "border-b border-stone-200 px-2 py-1.5 text-right whitespace-nowrap dark:border-stone-800";
const pct = (value: number | null) => (value === null ? "—" : `${value}%`);

function Cells({ cell, item, timeZone }: { cell: GradebookCell; item: Gradebook["items"][number]; timeZone: string }) {
  const itemId = item.id;
  if (cell.kind === "review") {
    // The status sits beside the measure the item's goal is about.
    const badge = (goal: "studied" | "mastered") => item.goal === goal && <StatusBadge status={cell.status} />;
    return (
      <>
        <td className={`${td} border-l`} data-metric={`${itemId}.studied`}>
          {pct(percent(cell.studied, cell.total))} {badge("studied")}
        </td>
        <td className={td} data-metric={`${itemId}.mastered`}>
          {pct(percent(cell.mastered, cell.total))} {badge("mastered")}
        </td>
        <td className={td} data-metric={`${itemId}.recall`}>
          {cell.reviews > 0 ? (
            <>
              {pct(percent(cell.remembered, cell.reviews))} <span className="text-xs text-stone-500 dark:text-stone-400">({cell.reviews})</span>
            </>
          ) : (
            "—"
          )}
        </td>
      </>
    );
  }
  return (
    <>
      <td className={`${td} border-l`} data-metric={`${itemId}.best`}>
        {cell.bestPoints === null ? "—" : `${cell.bestPoints}/${cell.bestMaxPoints}`}
      </td>
      <td className={td} data-metric={`${itemId}.attempts`}>
        {cell.attempts}
      </td>
      <td className={td} data-metric={`${itemId}.passed`}>
        {cell.firstPassedAt ? formatLocal(cell.firstPassedAt, timeZone) : "—"} <StatusBadge status={cell.status} />
      </td>
    </>
  );
}
