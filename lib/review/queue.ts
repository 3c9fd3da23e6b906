// Today's queue for one learner. PostgreSQL summarizes the learner's cards (counts, the first card of each kind in
// lib/srs's QUEUE_ORDER, what comes later) in one indexed statement, whatever the collection's size; lib/srs plans the
// queue from that. queue-order.int.test.ts drains this queue and lib/srs's over the same cards and compares them.
import type { Db } from "@/lib/db";
import { queryPrepared, type PreparedStatement } from "@/lib/db/prepared";
import { learningCutoff, planDailyQueue, previewIntervals, QUEUE_ORDER, studyDay, type CardMemory, type QueueOrderKey, type QueueSummary } from "@/lib/srs";
import type { Settings } from "@/lib/srs/settings";
import type { ActionKind, UndoOffer } from "./actions";
import { memoryFromRow, type MemoryRow } from "./memory";
import { getReviewSettings } from "./settings";

export type ShownCard = {
  id: string;
  version: number;
  state: number;
  deck: { slug: string; title: string };
  noteNumber: number;
  /** "cloze": the revealed side shows the whole text again (the deletion filled in), so it replaces the question. */
  kind: "basic" | "cloze";
  /** The question as plain text (content and class decks), and as sanitized HTML when it has some (personal notes). */
  question: string;
  questionHtml: string | null;
  answerHtml: string;
  /** What each rating would do, shown on its button. */
  intervals: Record<1 | 2 | 3 | 4, string>;
  /** Why the card is back today when something other than its schedule brought it (a failed lab submission). */
  reason: string | null;
  /** It lapsed as often as the learner's leech threshold. */
  leech: boolean;
};

export type ReviewQueue = {
  card: ShownCard | null;
  counts: { new: number; learning: number; review: number };
  nextDueAt: string | null;
  /** Whether the learner's last action (lib/review/actions.ts) can still be undone. */
  canUndo: boolean;
  /** What `z` would undo: the last action's kind and how many cards it changed (null when it cannot be undone). */
  undo: UndoOffer | null;
};

type CardRow = MemoryRow & {
  kind: "learning" | "review" | "new";
  id: string;
  version: number;
  noteNumber: number;
  noteKind: "BASIC" | "CLOZE";
  question: string;
  questionHtml: string | null;
  answerHtml: string;
  deckSlug: string;
  deckTitle: string;
  labReason: string | null;
  leech: boolean;
};

type Totals = {
  learning: number;
  review: number;
  new: number;
  labNew: number;
  laterReview: Date | null;
  laterLearning: Date | null;
  newIntroduced: number;
  reviewsDone: number;
  canUndo: boolean | null;
  undoKind: ActionKind | null;
  undoCount: number | null;
  justAnswered: string | null;
};

// The learner's active cards: not suspended, not buried today ($4: the study day's start), one of the cards its note
// makes now (not the card of a cloze deletion since removed), of a live note in a live deck they study.
const ACTIVE = `
  FROM "Card" c
  JOIN "Note" n ON n.id = c."noteId" AND n."retiredAt" IS NULL AND c.ordinal = ANY(n.ordinals)
  JOIN "Deck" d ON d.id = n."deckId" AND d."retiredAt" IS NULL
  JOIN "DeckStudy" s ON s."deckId" = d.id AND s."userId" = c."userId"
  WHERE c."userId" = $1 AND NOT c.suspended AND coalesce(c."buriedUntil", '-infinity') <= $4`;

// Each candidate comes with what the review screen shows: a cloze card its own sides (lib/notes/render.ts).
const CLOZE_SIDE = (side: "frontHtml" | "backHtml") => `(SELECT z."${side}" FROM "Cloze" z WHERE z."noteId" = n.id AND z.ordinal = c.ordinal)`;
const CANDIDATE = `c.id, c.version, c.due, c.stability, c.difficulty, c."elapsedDays", c."scheduledDays", c."learningSteps",
  c.reps, c.lapses, c.state, c."lastReview", c."labReason", c.leech, n.number AS "noteNumber", n.kind AS "noteKind", n.question,
  CASE WHEN n.kind = 'CLOZE'::"NoteKind" THEN ${CLOZE_SIDE("frontHtml")} ELSE n."questionHtml" END AS "questionHtml",
  CASE WHEN n.kind = 'CLOZE'::"NoteKind" THEN ${CLOZE_SIDE("backHtml")} ELSE n."answerHtml" END AS "answerHtml",
  d.slug AS "deckSlug", d.title AS "deckTitle"`;

// The card of the learner's last rating (not shown twice in a row while another learning card waits).
const LAST_RATING = `FROM "ReviewLog" l
  WHERE l."userId" = $1 AND l.kind = 'RATING'::"ReviewKind" ORDER BY l.review DESC, l.id DESC LIMIT 1`;

// The learner's last action not undone (lib/review/actions.ts): its kind, how many cards, whether undo can take it
// (every card still at the version it left).
const LAST_ACTION = `last_action AS MATERIALIZED (
  SELECT a.kind, count(*) AS cards, bool_and(a.version = lc.version) AS possible
  FROM "CardAction" a JOIN "Card" lc ON lc.id = a."cardId"
  WHERE a."userId" = $1 AND a."actionId" = (SELECT max(m."actionId") FROM "CardAction" m WHERE m."userId" = $1 AND m."undoneAt" IS NULL)
  GROUP BY a.kind)`;

// The review items of the tracks of the classes the learner is in, with their due date ('infinity' when none).
const ASSIGNED = `assigned AS MATERIALIZED (
  SELECT ti."deckId", ti."noteNumbers", coalesce(ti."dueAt", 'infinity'::timestamp) AS due
  FROM "ClassMember" m
  JOIN "Class" k ON k.id = m."classId" AND k."deletedAt" IS NULL
  JOIN "Track" t ON t."classId" = m."classId" AND t."deletedAt" IS NULL
  JOIN "TrackItem" ti ON ti."trackId" = t.id AND ti.kind = 'REVIEW'::"TrackItemKind"
  WHERE m."userId" = $1 AND m.role = 'LEARNER'::"ClassRole")`;
const ASSIGNED_DUE = `(SELECT min(a.due) FROM assigned a
  WHERE a."deckId" = d.id AND (cardinality(a."noteNumbers") = 0 OR n.number = ANY(a."noteNumbers")))`;

// How PostgreSQL sorts by each key of lib/srs's QUEUE_ORDER, the one statement of the queue's order. Text sorts in
// the "C" collation (by character code, as lib/srs compares it), whatever the database's default collation.
const SORT_BY: Record<QueueOrderKey, string> = {
  due: "c.due",
  labMissed: `c."labReason" IS NULL`,
  assignedDue: `${ASSIGNED_DUE} NULLS LAST`,
  deckSlug: `d.slug COLLATE "C"`,
  position: "n.position",
  id: `c.id COLLATE "C"`,
};
const orderBy = (keys: readonly QueueOrderKey[]) => keys.map((key) => SORT_BY[key]).join(", ");

// One statement, whatever the size of the collection: what is due (with what was done today), and the first cards
// of each kind, as one row per first card (one row of nulls beside the totals when there is none). Both halves use
// the (userId, state, due) index. It is a prepared statement: it runs on every answer, and planning it anew each
// time cost PostgreSQL more than running it. $2 is the learning cutoff (now plus learn-ahead, inclusive), $3 the end
// of the study day, $4 its start.
type QueueRow = Totals & (CardRow | { [K in keyof CardRow]: null });

function queueStatement(userId: string, cutoff: Date, day: { start: Date; end: Date }): PreparedStatement {
  return {
    name: "review-queue",
    text: `WITH ${ASSIGNED}, ${LAST_ACTION},
     totals AS (
       SELECT count(*) FILTER (WHERE c.state IN (1, 3) AND c.due <= $2) AS learning,
              count(*) FILTER (WHERE c.state = 2 AND c.due < $3) AS review,
              count(*) FILTER (WHERE c.state = 0) AS new,
              count(*) FILTER (WHERE c.state = 0 AND c."labReason" IS NOT NULL) AS "labNew",
              min(c.due) FILTER (WHERE c.state = 2 AND c.due >= $3) AS "laterReview",
              min(c.due) FILTER (WHERE c.state IN (1, 3) AND c.due > $2) AS "laterLearning",
              (SELECT count(*) FROM "ReviewLog" WHERE "userId" = $1 AND review >= $4 AND kind = 'RATING'::"ReviewKind" AND state = 0) AS "newIntroduced",
              (SELECT count(*) FROM "ReviewLog" WHERE "userId" = $1 AND review >= $4 AND kind = 'RATING'::"ReviewKind" AND state = 2) AS "reviewsDone",
              (SELECT possible FROM last_action) AS "canUndo",
              (SELECT kind FROM last_action) AS "undoKind",
              (SELECT cards FROM last_action) AS "undoCount",
              (SELECT l."cardId" ${LAST_RATING}) AS "justAnswered"
       ${ACTIVE}),
     firsts AS (
       (SELECT 'learning' AS kind, ${CANDIDATE} ${ACTIVE} AND c.state IN (1, 3) AND c.due <= $2 ORDER BY ${orderBy(QUEUE_ORDER.learning)} LIMIT 2)
       UNION ALL
       (SELECT 'review', ${CANDIDATE} ${ACTIVE} AND c.state = 2 AND c.due < $3 ORDER BY ${orderBy(QUEUE_ORDER.review)} LIMIT 1)
       UNION ALL
       (SELECT 'new', ${CANDIDATE} ${ACTIVE} AND c.state = 0 ORDER BY ${orderBy(QUEUE_ORDER.new)} LIMIT 1))
     SELECT * FROM totals LEFT JOIN firsts ON true`,
    values: [userId, cutoff, day.end, day.start],
  };
}

// A first card as lib/srs plans with it, its row beside it for showing.
type Candidate = { id: string; memory: CardMemory; row: CardRow };

function queueState(rows: QueueRow[]) {
  const firsts = rows.filter((row): row is Totals & CardRow => row.id !== null);
  const total = rows[0]!;
  const ofKind = (kind: CardRow["kind"]): Candidate[] =>
    firsts.filter((row) => row.kind === kind).map((row) => ({ id: row.id, memory: memoryFromRow(row), row }));
  const [firstLearning = null, secondLearning = null] = ofKind("learning");
  const summary: QueueSummary<Candidate> = {
    learningDue: Number(total.learning),
    firstLearning,
    secondLearning,
    reviewsDueToday: Number(total.review),
    firstReview: ofKind("review")[0] ?? null,
    newAvailable: Number(total.new),
    labNewAvailable: Number(total.labNew),
    firstNew: ofKind("new")[0] ?? null,
    laterReviewDue: total.laterReview,
    laterLearningDue: total.laterLearning,
  };
  const done = { newIntroduced: Number(total.newIntroduced), reviewsDone: Number(total.reviewsDone) };
  const undo = total.canUndo === true && total.undoKind ? { kind: total.undoKind, count: Number(total.undoCount) } : null;
  return { summary, done, undo, justAnswered: total.justAnswered };
}

export async function loadQueue(db: Db, userId: string, now = new Date(), known?: { settings?: Settings }): Promise<ReviewQueue> {
  const settings = known?.settings ?? (await getReviewSettings(db, userId));
  const { statement, read } = queueQuery(userId, now, settings);
  return read(await queryPrepared(db, statement.name, statement.text, statement.values));
}

/**
 * The statement that reads the learner's queue at `now`, and how its rows become the queue: for running it in one
 * round trip with another statement (answerAndShowNext sends it right behind the answer's write).
 */
export function queueQuery(userId: string, now: Date, settings: Settings): { statement: PreparedStatement; read(rows: unknown[]): ReviewQueue } {
  const day = studyDay(now, settings.timeZone, settings.rolloverHour);
  const cutoff = learningCutoff(now, settings.learnAheadMinutes, day);
  return { statement: queueStatement(userId, cutoff, day), read: (rows) => planQueue(queueState(rows as QueueRow[]), now, settings) };
}

function planQueue({ summary, done, undo, justAnswered }: ReturnType<typeof queueState>, now: Date, settings: Settings): ReviewQueue {
  const queue = planDailyQueue({ summary, now, settings, doneToday: done, justAnswered });
  return {
    card: queue.next ? showCard(queue.next.row, now, settings) : null,
    counts: queue.counts,
    nextDueAt: queue.nextDueAt?.toISOString() ?? null,
    canUndo: undo !== null,
    undo,
  };
}

function showCard(row: CardRow, now: Date, settings: Settings): ShownCard {
  const preview = previewIntervals(memoryFromRow(row), now, settings, row.id);
  return {
    id: row.id,
    version: row.version,
    state: row.state,
    deck: { slug: row.deckSlug, title: row.deckTitle },
    noteNumber: row.noteNumber,
    kind: row.noteKind === "CLOZE" ? "cloze" : "basic",
    question: row.question,
    questionHtml: row.questionHtml,
    answerHtml: row.answerHtml,
    intervals: { 1: preview[1].label, 2: preview[2].label, 3: preview[3].label, 4: preview[4].label },
    reason: row.labReason,
    leech: row.leech,
  };
}
