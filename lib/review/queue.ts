// Today's queue for one learner. PostgreSQL summarizes the learner's cards (counts, the first card of each kind,
// what comes later) in two indexed queries, whatever the collection's size; lib/srs plans the queue from that.
import type { Db } from "@/lib/db";
import { planDailyQueue, previewIntervals, studyDay, type QueueCard, type QueueSummary } from "@/lib/srs";
import type { Settings } from "@/lib/srs/settings";
import { CardState } from "@/lib/srs/types";
import { memoryFromRow } from "./memory";
import { getReviewSettings } from "./settings";

export type ShownCard = {
  id: string;
  version: number;
  state: number;
  deck: { slug: string; title: string };
  noteNumber: number;
  question: string;
  answerHtml: string;
  /** What each rating would do, shown on its button. */
  intervals: Record<1 | 2 | 3 | 4, string>;
  /** Why the card is back today when something other than its schedule brought it (a failed lab submission). */
  reason: string | null;
};

export type ReviewQueue = {
  card: ShownCard | null;
  counts: { new: number; learning: number; review: number };
  nextDueAt: string | null;
  /** Whether the learner's last event is a rating that can still be undone. */
  canUndo: boolean;
};

type CardRow = {
  kind: "learning" | "review" | "new";
  id: string;
  version: number;
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: number;
  lastReview: Date | null;
};

// The learner's active cards: not suspended, of a live note in a live deck they study.
const ACTIVE = `
  FROM "Card" c
  JOIN "Note" n ON n.id = c."noteId" AND n."retiredAt" IS NULL
  JOIN "Deck" d ON d.id = n."deckId" AND d."retiredAt" IS NULL
  JOIN "DeckStudy" s ON s."deckId" = d.id AND s."userId" = c."userId"
  WHERE c."userId" = $1 AND NOT c.suspended`;
const COLUMNS = `c.id, c.version, c.due, c.stability, c.difficulty, c."elapsedDays", c."scheduledDays", c."learningSteps",
  c.reps, c.lapses, c.state, c."lastReview"`;

async function summarize(db: Db, userId: string, endOfDay: Date): Promise<QueueSummary> {
  const [totals, firsts] = await Promise.all([
    db.$queryRawUnsafe<Array<{ learning: bigint; review: bigint; new: bigint; laterReview: Date | null; laterLearning: Date | null }>>(
      `SELECT count(*) FILTER (WHERE c.state IN (1, 3) AND c.due < $2) AS learning,
              count(*) FILTER (WHERE c.state = 2 AND c.due < $2) AS review,
              count(*) FILTER (WHERE c.state = 0) AS new,
              min(c.due) FILTER (WHERE c.state = 2 AND c.due >= $2) AS "laterReview",
              min(c.due) FILTER (WHERE c.state IN (1, 3) AND c.due >= $2) AS "laterLearning"
       ${ACTIVE}`,
      userId,
      endOfDay,
    ),
    db.$queryRawUnsafe<CardRow[]>(
      `(SELECT 'learning' AS kind, ${COLUMNS} ${ACTIVE} AND c.state IN (1, 3) AND c.due < $2 ORDER BY c.due, d.slug, n.position LIMIT 1)
       UNION ALL
       (SELECT 'review', ${COLUMNS} ${ACTIVE} AND c.state = 2 AND c.due < $2 ORDER BY c.due, d.slug, n.position LIMIT 1)
       UNION ALL
       (SELECT 'new', ${COLUMNS} ${ACTIVE} AND c.state = 0 ORDER BY d.slug, n.position LIMIT 1)`,
      userId,
      endOfDay,
    ),
  ]);
  const total = totals[0]!;
  const first = (kind: CardRow["kind"]): QueueCard | null => {
    const row = firsts.find((r) => r.kind === kind);
    return row ? { id: row.id, position: 0, memory: memoryFromRow(row), suspended: false } : null;
  };
  return {
    learningDueToday: Number(total.learning),
    firstLearning: first("learning"),
    reviewsDueToday: Number(total.review),
    firstReview: first("review"),
    newAvailable: Number(total.new),
    firstNew: first("new"),
    laterReviewDue: total.laterReview,
    laterLearningDue: total.laterLearning,
  };
}

async function doneToday(db: Db, userId: string, start: Date) {
  const rows = await db.$queryRaw<Array<{ state: number; count: bigint }>>`
    SELECT state, count(*) AS count FROM "ReviewLog"
    WHERE "userId" = ${userId} AND review >= ${start} AND kind = 'RATING'::"ReviewKind" AND state IN (0, 2)
    GROUP BY state`;
  const count = (state: number) => Number(rows.find((row) => row.state === state)?.count ?? 0);
  return { newIntroduced: count(CardState.New), reviewsDone: count(CardState.Review) };
}

async function canUndoLast(db: Db, userId: string): Promise<boolean> {
  const last = await db.reviewLog.findFirst({
    where: { userId },
    orderBy: [{ review: "desc" }, { id: "desc" }],
    select: { kind: true, cardVersion: true, card: { select: { version: true } } },
  });
  return last?.kind === "RATING" && last.card.version === last.cardVersion;
}

export async function loadQueue(db: Db, userId: string, now = new Date(), known?: { settings?: Settings }): Promise<ReviewQueue> {
  const settings = known?.settings ?? (await getReviewSettings(db, userId));
  const day = studyDay(now, settings.timeZone, settings.rolloverHour);
  const [summary, done, canUndo] = await Promise.all([summarize(db, userId, day.end), doneToday(db, userId, day.start), canUndoLast(db, userId)]);
  const queue = planDailyQueue({ summary, now, settings, doneToday: done });
  return {
    card: queue.next ? await showCard(db, queue.next.id, now, settings) : null,
    counts: queue.counts,
    nextDueAt: queue.nextDueAt?.toISOString() ?? null,
    canUndo,
  };
}

async function showCard(db: Db, cardId: string, now: Date, settings: Settings): Promise<ShownCard> {
  const card = await db.card.findUniqueOrThrow({
    where: { id: cardId },
    select: {
      id: true,
      version: true,
      due: true,
      stability: true,
      difficulty: true,
      elapsedDays: true,
      scheduledDays: true,
      learningSteps: true,
      reps: true,
      lapses: true,
      state: true,
      lastReview: true,
      note: { select: { number: true, question: true, answerHtml: true, deck: { select: { slug: true, title: true } } } },
      logs: { where: { kind: "LAB" }, orderBy: { review: "desc" }, take: 1, select: { reason: true, review: true } },
    },
  });
  const preview = previewIntervals(memoryFromRow(card), now, settings, card.id);
  const lab = card.logs[0];
  const reason = lab && (!card.lastReview || lab.review > card.lastReview) ? lab.reason : null;
  return {
    id: card.id,
    version: card.version,
    state: card.state,
    deck: card.note.deck,
    noteNumber: card.note.number,
    question: card.note.question,
    answerHtml: card.note.answerHtml,
    intervals: { 1: preview[1].label, 2: preview[2].label, 3: preview[3].label, 4: preview[4].label },
    reason,
  };
}
