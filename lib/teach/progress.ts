// Progress on a class's track items, for the gradebook, a learner's page and "My tracks": two SQL queries for review
// items and one for lab items, aggregated by PostgreSQL for every (learner, item) at once, never a query per learner.
//
// Review items, per learner: the item's live notes (its deck's, or the chosen ones), how many of the learner's cards
// of them are studied (out of the New state) and mastered (Review state, stability ≥ 21 days), and the measured
// recall over the last 30 days: rating answers on those cards not rated Again, with their count.
// Whether the goal was reached *by the due instant* is read from the review log: each entry records the card's state
// before that event, so a card's state at an instant is the state recorded by its first event after it, or the card's
// current state when nothing happened since. A review item is on time when every card met the goal at the due
// instant; forgetting a card after the deadline does not make it late, and reaching the goal after it is "late".
//
// Lab items, per learner: grades from stored server submissions only (the Submission table; a browser preview is
// never stored): attempts, the best score, and when a submission first reached the pass mark (a share of the
// submission's own maximum points, 100 % by default).
import type { Db } from "@/lib/db";
import { queryRows } from "@/lib/db/prepared";

export const MASTERED_STABILITY_DAYS = 21;
export const RECALL_WINDOW_DAYS = 30;

export type ReviewCell = {
  kind: "review";
  /** The item's live notes (the learner's cards of them may not all exist yet). */
  total: number;
  studied: number;
  mastered: number;
  /** Cards that met the goal at the due instant; null while the due date has not passed (or there is none). */
  metAtDue: number | null;
  reviews: number;
  remembered: number;
};

export type LabCell = {
  kind: "lab";
  attempts: number;
  /** The best submission's points and maximum (best by share of the maximum), null with no submission. */
  bestPoints: number | null;
  bestMaxPoints: number | null;
  firstPassedAt: Date | null;
};

export type Cell = ReviewCell | LabCell;

export type ItemGoal = { id: string; kind: "review" | "lab"; goal: "studied" | "mastered" | null; dueAt: Date | null };

/** open: not reached, not overdue. done: reached, no due date. on-time: reached by the due instant. late: not reached by it. */
export type ItemStatus = "open" | "done" | "on-time" | "late";

export function isReached(item: ItemGoal, cell: Cell): boolean {
  if (cell.kind === "lab") return cell.firstPassedAt !== null;
  if (cell.total === 0) return false;
  return (item.goal === "mastered" ? cell.mastered : cell.studied) >= cell.total;
}

export function itemStatus(item: ItemGoal, cell: Cell, now: Date): ItemStatus {
  const reached = isReached(item, cell);
  if (!item.dueAt) return reached ? "done" : "open";
  if (item.dueAt > now) return reached ? "on-time" : "open";
  const byDue = cell.kind === "lab" ? cell.firstPassedAt !== null && cell.firstPassedAt <= item.dueAt : cell.total > 0 && (cell.metAtDue ?? 0) >= cell.total;
  return byDue ? "on-time" : "late";
}

export function emptyCell(kind: "review" | "lab", total = 0): Cell {
  return kind === "review"
    ? { kind, total, studied: 0, mastered: 0, metAtDue: null, reviews: 0, remembered: 0 }
    : { kind, attempts: 0, bestPoints: null, bestMaxPoints: null, firstPassedAt: null };
}

type ReviewRow = { userId: string; itemId: string; total: number; studied: number; mastered: number; duePassed: boolean | null; reviews: number; remembered: number };
type DueRow = { userId: string; itemId: string; metAtDue: number };
type LabRow = { userId: string; itemId: string; attempts: number; bestPoints: number | null; bestMaxPoints: number | null; firstPassedAt: Date | null };

// $1 class, $2 now, $3 the learners to include (null: every learner of the class).
const LEARNERS = `learners AS (
  SELECT m."userId" FROM "ClassMember" m
  WHERE m."classId" = $1 AND m.role = 'LEARNER'::"ClassRole" AND ($3::text[] IS NULL OR m."userId" = ANY($3::text[]))
)`;

// The review items' notes (their deck's live notes, or the chosen ones), optionally only the items already due.
const ITEM_NOTES = (onlyDue: boolean) => `items AS (
  SELECT ti.id, ti."deckId", ti."noteNumbers", ti.goal, ti."dueAt"
  FROM "TrackItem" ti JOIN "Track" t ON t.id = ti."trackId" AND t."deletedAt" IS NULL
  WHERE t."classId" = $1 AND ti.kind = 'REVIEW'::"TrackItemKind"${onlyDue ? ` AND ti."dueAt" <= $2::timestamp` : ""}
),
item_notes AS MATERIALIZED (
  SELECT i.id AS item_id, i.goal, i."dueAt" AS due_at, n.id AS note_id
  FROM items i JOIN "Note" n ON n."deckId" = i."deckId" AND n."retiredAt" IS NULL
    AND (cardinality(i."noteNumbers") = 0 OR n.number = ANY(i."noteNumbers"))
)`;

// Progress now: the learners' cards of the items' notes, and their rating answers in the recall window summed per
// card (one pass over the log) before cards are fanned out to the items that include their note.
const REVIEW_SQL = `
WITH ${LEARNERS},
${ITEM_NOTES(false)},
totals AS (SELECT item_id, count(*)::int AS total FROM item_notes GROUP BY item_id),
recall AS (
  SELECT r."cardId" AS card_id, count(*)::int AS reviews, count(*) FILTER (WHERE r.rating <> 1)::int AS remembered
  FROM "ReviewLog" r
  WHERE r."userId" IN (SELECT "userId" FROM learners) AND r.kind = 'RATING'::"ReviewKind"
    AND r.review > $2::timestamp - interval '${RECALL_WINDOW_DAYS} days' AND r.review <= $2::timestamp
  GROUP BY 1
),
cells AS (
  SELECT inn.item_id, c."userId" AS user_id,
    count(*) FILTER (WHERE c.state <> 0)::int AS studied,
    count(*) FILTER (WHERE c.state = 2 AND c.stability >= ${MASTERED_STABILITY_DAYS})::int AS mastered,
    coalesce(sum(rc.reviews), 0)::int AS reviews, coalesce(sum(rc.remembered), 0)::int AS remembered
  FROM item_notes inn
  JOIN "Card" c ON c."noteId" = inn.note_id AND c."userId" IN (SELECT "userId" FROM learners)
  LEFT JOIN recall rc ON rc.card_id = c.id
  GROUP BY 1, 2
)
SELECT l."userId", i.id AS "itemId", coalesce(t.total, 0) AS total, coalesce(c.studied, 0) AS studied,
  coalesce(c.mastered, 0) AS mastered, i."dueAt" <= $2::timestamp AS "duePassed",
  coalesce(c.reviews, 0) AS reviews, coalesce(c.remembered, 0) AS remembered
FROM learners l CROSS JOIN items i
LEFT JOIN totals t ON t.item_id = i.id
LEFT JOIN cells c ON c.item_id = i.id AND c.user_id = l."userId"`;

// The goal at the due instant, for the items already due: per card and due instant, the first event after it,
// found with a plain min() over a packed number (epoch milliseconds × 4 + whether its recorded state met "studied"
// (1) and "mastered" (2)), no sort. The log is joined to the due items' cards on the card with each card's own due
// instant, so a log row is read once per instant it follows on that card (not once per due instant of the class) and
// the rows before the earliest instant are skipped. A card with no event since is in the state it has now. Run
// beside REVIEW_SQL, on another connection.
const DUE_SQL = `
WITH ${LEARNERS},
${ITEM_NOTES(true)},
due_cards AS MATERIALIZED (
  SELECT c.id AS card_id, c."userId" AS user_id, inn.item_id, inn.due_at,
    CASE WHEN inn.goal = 'STUDIED'::"ReviewGoal" THEN 1 ELSE 2 END AS goal_bit,
    CASE WHEN c.state <> 0 THEN 1 ELSE 0 END + CASE WHEN c.state = 2 AND c.stability >= ${MASTERED_STABILITY_DAYS} THEN 2 ELSE 0 END AS bits_now
  FROM item_notes inn JOIN "Card" c ON c."noteId" = inn.note_id AND c."userId" IN (SELECT "userId" FROM learners)
),
after_due AS (
  SELECT d.card_id, d.due_at,
    min((extract(epoch FROM r.review) * 1000)::bigint * 4
      + CASE WHEN r.state <> 0 THEN 1 ELSE 0 END + CASE WHEN r.state = 2 AND r.stability >= ${MASTERED_STABILITY_DAYS} THEN 2 ELSE 0 END) AS first
  FROM due_cards d JOIN "ReviewLog" r ON r."cardId" = d.card_id AND r.review > d.due_at
  WHERE r.review > (SELECT min(due_at) FROM item_notes)
  GROUP BY 1, 2
)
SELECT d.user_id AS "userId", d.item_id AS "itemId",
  count(*) FILTER (WHERE coalesce((a.first % 4)::int, d.bits_now) & d.goal_bit <> 0)::int AS "metAtDue"
FROM due_cards d LEFT JOIN after_due a ON a.card_id = d.card_id AND a.due_at = d.due_at
GROUP BY 1, 2`;

const LAB_SQL = `
WITH ${LEARNERS},
items AS (
  SELECT ti.id, ti."exerciseId", coalesce(ti."passPercent", 100) AS pass_percent
  FROM "TrackItem" ti JOIN "Track" t ON t.id = ti."trackId" AND t."deletedAt" IS NULL
  WHERE t."classId" = $1 AND ti.kind = 'LAB'::"TrackItemKind"
)
SELECT s."userId", i.id AS "itemId", count(*)::int AS attempts,
  (array_agg(s.points ORDER BY s.points / nullif(s."maxPoints", 0) DESC NULLS LAST, s."createdAt"))[1] AS "bestPoints",
  (array_agg(s."maxPoints" ORDER BY s.points / nullif(s."maxPoints", 0) DESC NULLS LAST, s."createdAt"))[1] AS "bestMaxPoints",
  min(s."createdAt") FILTER (WHERE s."maxPoints" > 0 AND s.points >= s."maxPoints" * i.pass_percent / 100.0 - 1e-9) AS "firstPassedAt"
FROM learners l JOIN "Submission" s ON s."userId" = l."userId" JOIN items i ON i."exerciseId" = s."exerciseId"
WHERE s."createdAt" <= $2::timestamp
GROUP BY 1, 2`;

/** The queries, for `npm run bench:gradebook -- --explain`. */
export const PROGRESS_SQL = { review: REVIEW_SQL, due: DUE_SQL, lab: LAB_SQL };

/** Every (learner, item) cell of a class's live tracks, keyed `${userId} ${itemId}`; `userIds` narrows to some learners. */
export async function classProgress(db: Db, classId: string, now: Date, userIds: string[] | null = null): Promise<Map<string, Cell>> {
  const params = [classId, now, userIds];
  // Three statements on three connections: PostgreSQL runs them side by side.
  const [review, due, lab] = await Promise.all([
    queryRows<ReviewRow>(db, REVIEW_SQL, params),
    queryRows<DueRow>(db, DUE_SQL, params),
    queryRows<LabRow>(db, LAB_SQL, params),
  ]);
  const metAtDue = new Map(due.map((row) => [`${row.userId} ${row.itemId}`, row.metAtDue]));
  const cells = new Map<string, Cell>();
  for (const row of review) {
    const key = `${row.userId} ${row.itemId}`;
    const met = row.duePassed ? (metAtDue.get(key) ?? 0) : null;
    cells.set(key, { kind: "review", total: row.total, studied: row.studied, mastered: row.mastered, metAtDue: met, reviews: row.reviews, remembered: row.remembered });
  }
  for (const row of lab) {
    cells.set(`${row.userId} ${row.itemId}`, { kind: "lab", attempts: row.attempts, bestPoints: row.bestPoints, bestMaxPoints: row.bestMaxPoints, firstPassedAt: row.firstPassedAt });
  }
  return cells;
}

export function cellOf(cells: Map<string, Cell>, userId: string, item: { id: string; kind: "review" | "lab" }): Cell {
  return cells.get(`${userId} ${item.id}`) ?? emptyCell(item.kind);
}
