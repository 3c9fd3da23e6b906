// Progress on a class's track items, for the gradebook, a learner's page and "My tracks": SQL aggregates computed by
// PostgreSQL for every (learner, item) at once, never a query per learner. For a class, the review query runs as one
// statement per share of the learners, side by side on separate connections (its work is mostly per learner).
//
// Review items, per learner: the item's live notes (its deck's, or the chosen ones), how many of the learner's cards
// of them are studied (out of the New state) and mastered (Review state, stability ≥ 21 days), and the measured
// recall over the last 30 days: rating answers on those cards not rated Again, with their count.
// Whether the goal was reached *by the due instant* is read from the review log: each entry records the card's state
// before that event, so a card's state at an instant is the state recorded by its first event after it, or the card's
// current state when nothing happened since. A review item is on time when every card met the goal at the due
// instant; forgetting a card after the deadline does not make it late, and reaching the goal after it is "late".
// Once a due instant has passed, that count can no longer change (the log only grows; an undo of an answer given
// before the instant deletes the learner's kept counts after it), so it is computed once per learner and kept in
// TrackItemDueResult with the item's due instant and notes it was computed for; a change to either computes it again.
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
  /** The cards the item's live notes make (the learner's cards of them may not all exist yet). */
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

/** A class's review query runs as this many statements over disjoint shares of its learners, side by side. */
const REVIEW_SHARDS = 2;

// $1 class, $2 now, $3 the learners to include (null: every learner of the class).
const LEARNERS = `learners AS (
  SELECT m."userId" FROM "ClassMember" m
  WHERE m."classId" = $1 AND m.role = 'LEARNER'::"ClassRole" AND ($3::text[] IS NULL OR m."userId" = ANY($3::text[]))
)`;

// The review items' notes (their deck's live notes, or the chosen ones) with the card ordinals each makes (one for a
// basic note, one per cloze number for a cloze note), optionally only the items already due.
const ITEM_NOTES = (onlyDue: boolean) => `items AS (
  SELECT ti.id, ti."deckId", ti."noteNumbers", ti.goal, ti."dueAt"
  FROM "TrackItem" ti JOIN "Track" t ON t.id = ti."trackId" AND t."deletedAt" IS NULL
  WHERE t."classId" = $1 AND ti.kind = 'REVIEW'::"TrackItemKind"${onlyDue ? ` AND ti."dueAt" <= $2::timestamp` : ""}
),
item_notes AS MATERIALIZED (
  SELECT i.id AS item_id, i.goal, i."dueAt" AS due_at, n.id AS note_id, n.ordinals
  FROM items i JOIN "Note" n ON n."deckId" = i."deckId" AND n."retiredAt" IS NULL
    AND (cardinality(i."noteNumbers") = 0 OR n.number = ANY(i."noteNumbers"))
)`;

// Progress now. Notes that belong to the same items form a segment (here, a deck's first 20 notes are in its
// "studied" and its "mastered" item, the rest only in the first): the learners' cards are counted per (segment,
// learner) and their rating answers in the recall window summed per (segment, learner) — from the log alone, which
// carries each card's note — and only these few sums are fanned out to the items of their segment.
const REVIEW_SQL = `
WITH ${LEARNERS},
${ITEM_NOTES(false)},
totals AS (SELECT item_id, sum(cardinality(ordinals))::int AS total FROM item_notes GROUP BY item_id),
note_segments AS MATERIALIZED (
  SELECT note_id, ordinals, dense_rank() OVER (ORDER BY item_ids)::int AS segment, item_ids
  FROM (SELECT note_id, min(ordinals) AS ordinals, array_agg(item_id ORDER BY item_id) AS item_ids FROM item_notes GROUP BY note_id) notes
),
segment_items AS (SELECT DISTINCT segment, unnest(item_ids) AS item_id FROM note_segments),
recall AS (
  SELECT ns.segment, r."userId" AS user_id, count(*)::int AS reviews, count(*) FILTER (WHERE r.rating <> 1)::int AS remembered
  FROM "ReviewLog" r JOIN note_segments ns ON ns.note_id = r."noteId"
  WHERE r."userId" IN (SELECT "userId" FROM learners) AND r.kind = 'RATING'::"ReviewKind"
    AND r.review > $2::timestamp - interval '${RECALL_WINDOW_DAYS} days' AND r.review <= $2::timestamp
  GROUP BY 1, 2
),
states AS (
  SELECT ns.segment, c."userId" AS user_id,
    count(*) FILTER (WHERE c.state <> 0)::int AS studied,
    count(*) FILTER (WHERE c.state = 2 AND c.stability >= ${MASTERED_STABILITY_DAYS})::int AS mastered
  FROM "Card" c JOIN note_segments ns ON ns.note_id = c."noteId" AND c.ordinal = ANY(ns.ordinals)
  WHERE c."userId" IN (SELECT "userId" FROM learners)
  GROUP BY 1, 2
),
cells AS (
  SELECT si.item_id, s.user_id, sum(s.studied)::int AS studied, sum(s.mastered)::int AS mastered,
    coalesce(sum(r.reviews), 0)::int AS reviews, coalesce(sum(r.remembered), 0)::int AS remembered
  FROM states s JOIN segment_items si ON si.segment = s.segment
  LEFT JOIN recall r ON r.segment = s.segment AND r.user_id = s.user_id
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
// the rows before the earliest instant are skipped. A card with no event since is in the state it has now. Run for
// the learners with no kept count (all of them on the first load after a deadline).
const DUE_SQL = `
WITH ${LEARNERS},
${ITEM_NOTES(true)},
due_cards AS MATERIALIZED (
  SELECT c.id AS card_id, c."userId" AS user_id, inn.item_id, inn.due_at,
    CASE WHEN inn.goal = 'STUDIED'::"ReviewGoal" THEN 1 ELSE 2 END AS goal_bit,
    CASE WHEN c.state <> 0 THEN 1 ELSE 0 END + CASE WHEN c.state = 2 AND c.stability >= ${MASTERED_STABILITY_DAYS} THEN 2 ELSE 0 END AS bits_now
  FROM item_notes inn JOIN "Card" c ON c."noteId" = inn.note_id AND c.ordinal = ANY(inn.ordinals) AND c."userId" IN (SELECT "userId" FROM learners)
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

// The goal at the due instant as kept (TrackItemDueResult), for every learner and review item already due: a row is
// used only when it was computed for the item's current due instant and notes (`notes_key`: the goal and the live
// note ids). `keep`: the instant has passed on the real clock ($4), so a result computed now will never change.
const KEPT_DUE_SQL = `
WITH ${LEARNERS},
due_items AS (
  SELECT ti.id, ti."dueAt" AS due_at,
    md5(ti.goal::text || ':' || coalesce(string_agg(n.id, ',' ORDER BY n.id), '')) AS notes_key
  FROM "TrackItem" ti JOIN "Track" t ON t.id = ti."trackId" AND t."deletedAt" IS NULL
  LEFT JOIN "Note" n ON n."deckId" = ti."deckId" AND n."retiredAt" IS NULL
    AND (cardinality(ti."noteNumbers") = 0 OR n.number = ANY(ti."noteNumbers"))
  WHERE t."classId" = $1 AND ti.kind = 'REVIEW'::"TrackItemKind" AND ti."dueAt" <= $2::timestamp
  GROUP BY ti.id
)
SELECT l."userId", i.id AS "itemId", i.due_at AS "dueAt", i.notes_key AS "notesKey", i.due_at <= $4::timestamp AS keep, k."metAtDue"
FROM learners l CROSS JOIN due_items i
LEFT JOIN "TrackItemDueResult" k ON k."itemId" = i.id AND k."userId" = l."userId" AND k."dueAt" = i.due_at AND k."notesKey" = i.notes_key`;

const KEEP_DUE_SQL = `
INSERT INTO "TrackItemDueResult" ("itemId", "userId", "dueAt", "notesKey", "metAtDue")
SELECT k.item_id, k.user_id, k.due_at, k.notes_key, k.met
FROM unnest($1::text[], $2::text[], $3::timestamp[], $4::text[], $5::int[]) AS k(item_id, user_id, due_at, notes_key, met)
WHERE EXISTS (SELECT 1 FROM "TrackItem" ti WHERE ti.id = k.item_id) AND EXISTS (SELECT 1 FROM "User" u WHERE u.id = k.user_id)
ON CONFLICT ("itemId", "userId") DO UPDATE
  SET "dueAt" = excluded."dueAt", "notesKey" = excluded."notesKey", "metAtDue" = excluded."metAtDue", "computedAt" = now()`;

/** The queries, for `npm run bench:gradebook -- --explain`. */
export const PROGRESS_SQL = { review: REVIEW_SQL, due: DUE_SQL, keptDue: KEPT_DUE_SQL, lab: LAB_SQL };

type KeptDueRow = { userId: string; itemId: string; dueAt: Date; notesKey: string; keep: boolean; metAtDue: number | null };

/**
 * Cards that met each due review item's goal at its due instant, keyed `${userId} ${itemId}`: the kept results, and
 * for the (learner, item) pairs without one, DUE_SQL over just those learners — whose results are then kept when the
 * instant has passed on the real clock. So after a deadline the review log is read once per learner, not per load.
 */
async function metAtDueInstants(db: Db, classId: string, now: Date, userIds: string[] | null): Promise<Map<string, number>> {
  const { met, keep } = await goalsAtDue(db, classId, now, userIds);
  // Keeping is an optimisation here: when it fails (the item was deleted meanwhile), the next load computes again.
  await keepGoals(db, keep).catch((error: unknown) => console.error("[latent] keeping the goal at due instants failed:", error));
  return met;
}

/**
 * Computes and keeps the goal at every passed due instant of the class for each learner without a kept count: the
 * job at a due instant (jobs.ts), so that the first load after a deadline finds them kept. Returns how many it kept.
 */
export async function keepGoalsAtDue(db: Db, classId: string, now = new Date()): Promise<number> {
  const { keep } = await goalsAtDue(db, classId, now, null);
  await keepGoals(db, keep);
  return keep.length;
}

/** The kept counts, and the ones computed for the pairs without one; `keep`: those of instants passed on the real clock. */
async function goalsAtDue(db: Db, classId: string, now: Date, userIds: string[] | null): Promise<{ met: Map<string, number>; keep: KeptDueRow[] }> {
  const kept = await queryRows<KeptDueRow>(db, KEPT_DUE_SQL, [classId, now, userIds, new Date()]);
  const met = new Map<string, number>();
  const missing: KeptDueRow[] = [];
  for (const row of kept) {
    if (row.metAtDue === null) missing.push(row);
    else met.set(`${row.userId} ${row.itemId}`, row.metAtDue);
  }
  const keep: KeptDueRow[] = [];
  if (missing.length === 0) return { met, keep };
  const computed = await queryRows<DueRow>(db, DUE_SQL, [classId, now, [...new Set(missing.map((row) => row.userId))]]);
  const counts = new Map(computed.map((row) => [`${row.userId} ${row.itemId}`, row.metAtDue]));
  for (const row of missing) {
    const key = `${row.userId} ${row.itemId}`;
    // No row from DUE_SQL: the learner has none of the item's cards, so none met the goal.
    const value = counts.get(key) ?? 0;
    met.set(key, value);
    if (row.keep) keep.push({ ...row, metAtDue: value });
  }
  return { met, keep };
}

async function keepGoals(db: Db, keep: KeptDueRow[]): Promise<void> {
  if (keep.length === 0) return;
  // In key order, so that two loads keeping the same rows at once wait for each other instead of deadlocking.
  keep.sort((a, b) => (a.itemId === b.itemId ? (a.userId < b.userId ? -1 : 1) : a.itemId < b.itemId ? -1 : 1));
  await queryRows(db, KEEP_DUE_SQL, [
    keep.map((row) => row.itemId),
    keep.map((row) => row.userId),
    keep.map((row) => row.dueAt),
    keep.map((row) => row.notesKey),
    keep.map((row) => row.metAtDue),
  ]);
}

const CLASS_LEARNERS_SQL = `SELECT "userId" FROM "ClassMember" WHERE "classId" = $1 AND role = 'LEARNER'::"ClassRole"`;

/** The learners, in REVIEW_SHARDS shares when there are many (a whole class): the review query runs once per share. */
export async function reviewShares(db: Db, classId: string, userIds: string[] | null): Promise<Array<string[] | null>> {
  const ids = userIds ?? (await queryRows<{ userId: string }>(db, CLASS_LEARNERS_SQL, [classId])).map((row) => row.userId);
  if (ids.length < 100) return [userIds];
  const size = Math.ceil(ids.length / REVIEW_SHARDS);
  return Array.from({ length: REVIEW_SHARDS }, (_, i) => ids.slice(i * size, (i + 1) * size));
}

/** Every (learner, item) cell of a class's live tracks, keyed `${userId} ${itemId}`; `userIds` narrows to some learners. */
export async function classProgress(db: Db, classId: string, now: Date, userIds: string[] | null = null): Promise<Map<string, Cell>> {
  const params = [classId, now, userIds];
  // Statements on separate connections, which PostgreSQL runs side by side: the review query in shares of the
  // learners when there are many (a class), the goal at due instants (kept, or computed), the lab query.
  const [review, metAtDue, lab] = await Promise.all([
    reviewShares(db, classId, userIds).then((shares) => Promise.all(shares.map((share) => queryRows<ReviewRow>(db, REVIEW_SQL, [classId, now, share])))),
    metAtDueInstants(db, classId, now, userIds),
    queryRows<LabRow>(db, LAB_SQL, params),
  ]);
  const cells = new Map<string, Cell>();
  for (const row of review.flat()) {
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
