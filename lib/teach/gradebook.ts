// The gradebook: a class's learners × the items of its live tracks, for its instructors. The numbers come from
// lib/teach/progress.ts (SQL aggregates over every learner at once); sorting and filtering the rows is done here.
import type { CurrentUser } from "@/lib/auth/session";
import type { Db } from "@/lib/db";
import { queryRows } from "@/lib/db/prepared";
import { requireClassRole, type ClassAccess } from "./authorize";
import { toCsv, type CsvCell } from "./csv";
import { formatLocal } from "./due";
import { cellOf, classProgress, itemStatus, type Cell, type ItemStatus } from "./progress";
import { ITEM_SELECT, viewItems, type TrackItemView } from "./tracks";

export type GradebookItem = TrackItemView & { trackId: string; trackTitle: string };

/** One sortable column: a review item's studied/mastered/recall, a lab item's best/attempts/passed. */
export type ColumnMetric = "studied" | "mastered" | "recall" | "best" | "attempts" | "passed";
export const REVIEW_METRICS: ColumnMetric[] = ["studied", "mastered", "recall"];
export const LAB_METRICS: ColumnMetric[] = ["best", "attempts", "passed"];

export type GradebookCell = Cell & { status: ItemStatus };
export type GradebookRow = { learner: { id: string; name: string | null; email: string; joinedAt: Date }; cells: GradebookCell[]; late: number };

export type GradebookQuery = { trackId?: string; lateOnly?: boolean; sort?: string; dir?: "asc" | "desc" };

export type Gradebook = {
  access: ClassAccess;
  tracks: Array<{ id: string; title: string }>;
  items: GradebookItem[];
  rows: GradebookRow[];
  /** Learners in the class before filtering. */
  learnerCount: number;
  query: { trackId: string | null; lateOnly: boolean; sort: string; dir: "asc" | "desc" };
  now: Date;
};

/** The class's live tracks in order, each with its items in order. */
export async function classItems(db: Db, classId: string) {
  const tracks = await db.track.findMany({
    where: { classId, deletedAt: null },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, title: true, items: { orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: ITEM_SELECT } },
  });
  const items: GradebookItem[] = tracks.flatMap((track) => viewItems(track.items).map((item) => ({ ...item, trackId: track.id, trackTitle: track.title })));
  return { tracks: tracks.map(({ id, title }) => ({ id, title })), items };
}

export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

/** The value a column sorts by (null sorts last either way). */
export function metricValue(cell: Cell, metric: ColumnMetric): number | null {
  if (cell.kind === "review") {
    if (metric === "studied") return percent(cell.studied, cell.total);
    if (metric === "mastered") return percent(cell.mastered, cell.total);
    if (metric === "recall") return percent(cell.remembered, cell.reviews);
    return null;
  }
  if (metric === "best") return cell.bestPoints === null || !cell.bestMaxPoints ? null : cell.bestPoints / cell.bestMaxPoints;
  if (metric === "attempts") return cell.attempts;
  if (metric === "passed") return cell.firstPassedAt?.getTime() ?? null;
  return null;
}

function parseSort(sort: string | undefined, items: GradebookItem[]): { index: number; metric: ColumnMetric } | null {
  if (!sort || sort === "learner") return null;
  const [itemId, metric] = sort.split(".") as [string, ColumnMetric];
  const index = items.findIndex((item) => item.id === itemId);
  if (index < 0) return null;
  const allowed = items[index]!.kind === "review" ? REVIEW_METRICS : LAB_METRICS;
  return allowed.includes(metric) ? { index, metric } : null;
}

const learnerName = (row: GradebookRow) => (row.learner.name || row.learner.email).toLocaleLowerCase();
// What String#localeCompare does (the default locale), without building a comparison per call.
const collator = new Intl.Collator();

const LEARNERS_SQL = `
SELECT u.id, u.name, u.email, m."joinedAt" FROM "ClassMember" m JOIN "User" u ON u.id = m."userId"
WHERE m."classId" = $1 AND m.role = 'LEARNER'::"ClassRole"`;

export async function loadGradebook(db: Db, user: CurrentUser, classId: string, query: GradebookQuery = {}, now = new Date()): Promise<Gradebook> {
  const access = await requireClassRole(db, user, classId, "instructor");
  const [{ tracks, items: allItems }, learners, cells] = await Promise.all([
    classItems(db, classId),
    // 500 rows: plain SQL costs the web server a fraction of what the ORM's decoding does.
    queryRows<{ id: string; name: string | null; email: string; joinedAt: Date }>(db, LEARNERS_SQL, [classId]),
    classProgress(db, classId, now),
  ]);
  const trackId = query.trackId && tracks.some((track) => track.id === query.trackId) ? query.trackId : null;
  const items = trackId ? allItems.filter((item) => item.trackId === trackId) : allItems;

  let rows: GradebookRow[] = learners.map(({ joinedAt, ...learner }) => {
    const rowCells = items.map((item) => {
      const cell = cellOf(cells, learner.id, item);
      return { ...cell, status: itemStatus(item, cell, now) };
    });
    return { learner: { ...learner, joinedAt }, cells: rowCells, late: rowCells.filter((cell) => cell.status === "late").length };
  });
  if (query.lateOnly) rows = rows.filter((row) => row.late > 0);

  const sort = parseSort(query.sort, items);
  const dir = query.dir === "desc" ? "desc" : "asc";
  const sign = dir === "desc" ? -1 : 1;
  const names = new Map(rows.map((row) => [row, learnerName(row)])); // once per row, not per comparison
  const byName = (a: GradebookRow, b: GradebookRow) => collator.compare(names.get(a)!, names.get(b)!);
  rows.sort((a, b) => {
    if (sort) {
      const x = metricValue(a.cells[sort.index]!, sort.metric);
      const y = metricValue(b.cells[sort.index]!, sort.metric);
      if (x !== y) {
        if (x === null) return 1;
        if (y === null) return -1;
        return (x - y) * sign;
      }
      return byName(a, b);
    }
    return byName(a, b) * sign || collator.compare(a.learner.email, b.learner.email);
  });
  return {
    access,
    tracks,
    items,
    rows,
    learnerCount: learners.length,
    query: { trackId, lateOnly: Boolean(query.lateOnly), sort: sort ? `${items[sort.index]!.id}.${sort.metric}` : "learner", dir },
    now,
  };
}

const STATUS_LABEL: Record<ItemStatus, string> = { open: "open", done: "done", "on-time": "on time", late: "late" };
export const statusLabel = (status: ItemStatus) => STATUS_LABEL[status];

/**
 * The gradebook as CSV, the same numbers as the page: per review item % studied, % mastered, recall % and its count,
 * status; per lab item best points, maximum, attempts, first passed (class time zone), status.
 */
export function gradebookCsv(book: Gradebook): string {
  const tz = book.access.timeZone;
  const header: CsvCell[] = ["Learner", "Email"];
  for (const item of book.items) {
    const name = `${item.trackTitle} / ${item.title}`;
    if (item.kind === "review") header.push(`${name}: studied %`, `${name}: mastered %`, `${name}: recall % (30 days)`, `${name}: reviews (30 days)`, `${name}: status`);
    else header.push(`${name}: best points`, `${name}: max points`, `${name}: attempts`, `${name}: first passed (${tz})`, `${name}: status`);
  }
  const rows: CsvCell[][] = [header];
  for (const row of book.rows) {
    const line: CsvCell[] = [row.learner.name ?? "", row.learner.email];
    for (const cell of row.cells) {
      if (cell.kind === "review") {
        line.push(percent(cell.studied, cell.total), percent(cell.mastered, cell.total), percent(cell.remembered, cell.reviews), cell.reviews, statusLabel(cell.status));
      } else {
        line.push(cell.bestPoints, cell.bestMaxPoints, cell.attempts, cell.firstPassedAt ? formatLocal(cell.firstPassedAt, tz) : null, statusLabel(cell.status));
      }
    }
    rows.push(line);
  }
  return toCsv(rows);
}
