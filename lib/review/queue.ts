// Today's queue for one learner, read from the database and ordered by lib/srs.
import type { Db } from "@/lib/db";
import { buildDailyQueue, previewIntervals, studyDay, type QueueCard } from "@/lib/srs";
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

const cardColumns = {
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
  suspended: true,
} as const;

async function countsToday(db: Db, userId: string, start: Date) {
  const rows = await db.$queryRaw<Array<{ state: number; count: bigint }>>`
    SELECT state, count(*) AS count FROM "ReviewLog"
    WHERE "userId" = ${userId} AND review >= ${start} AND kind = 'RATING'::"ReviewKind" AND state IN (0, 2)
    GROUP BY state`;
  const count = (state: number) => Number(rows.find((row) => row.state === state)?.count ?? 0);
  return { newIntroduced: count(CardState.New), reviewsDone: count(CardState.Review) };
}

export async function loadQueue(db: Db, userId: string, now = new Date(), known?: { settings?: Settings }): Promise<ReviewQueue> {
  const settings = known?.settings ?? (await getReviewSettings(db, userId));
  const day = studyDay(now, settings.timeZone, settings.rolloverHour);
  const done = await countsToday(db, userId, day.start);
  const newLimit = Math.max(0, settings.newPerDay - done.newIntroduced);
  const studied = { retiredAt: null, deck: { retiredAt: null, studies: { some: { userId } } } };

  const [dueRows, newRows, lastLog] = await Promise.all([
    db.card.findMany({
      where: { userId, suspended: false, state: { not: CardState.New }, due: { lt: day.end }, note: studied },
      select: cardColumns,
      orderBy: { due: "asc" },
    }),
    newLimit === 0
      ? Promise.resolve([])
      : db.card.findMany({
          where: { userId, suspended: false, state: CardState.New, note: studied },
          select: cardColumns,
          orderBy: [{ note: { deck: { slug: "asc" } } }, { note: { position: "asc" } }],
          take: newLimit,
        }),
    db.reviewLog.findFirst({
      where: { userId },
      orderBy: [{ review: "desc" }, { id: "desc" }],
      select: { kind: true, cardVersion: true, card: { select: { version: true } } },
    }),
  ]);
  const canUndo = lastLog?.kind === "RATING" && lastLog.card.version === lastLog.cardVersion;

  const cards: QueueCard[] = [...dueRows, ...newRows].map((row, index) => ({
    id: row.id,
    position: index,
    memory: memoryFromRow(row),
    suspended: row.suspended,
  }));
  const queue = buildDailyQueue({ cards, now, settings, doneToday: done });

  let nextDueAt = queue.nextDueAt;
  if (!queue.next && !nextDueAt) {
    const later = await db.card.findFirst({
      where: { userId, suspended: false, state: { not: CardState.New }, due: { gte: day.end }, note: studied },
      orderBy: { due: "asc" },
      select: { due: true },
    });
    const hasNew = await db.card.findFirst({ where: { userId, suspended: false, state: CardState.New, note: studied }, select: { id: true } });
    // New cards wait for tomorrow's study day; reviews for their due day.
    const candidates = [later?.due, hasNew ? day.end : undefined].filter((d): d is Date => Boolean(d));
    nextDueAt = candidates.length ? new Date(Math.max(day.end.getTime(), Math.min(...candidates.map((d) => d.getTime())))) : null;
  }

  return { card: queue.next ? await showCard(db, userId, queue.next.id, now, settings) : null, counts: queue.counts, nextDueAt: nextDueAt?.toISOString() ?? null, canUndo };
}

async function showCard(db: Db, userId: string, cardId: string, now: Date, settings: Settings): Promise<ShownCard> {
  const card = await db.card.findUniqueOrThrow({
    where: { id: cardId },
    select: {
      ...cardColumns,
      note: { select: { number: true, question: true, answerHtml: true, deck: { select: { slug: true, title: true } } } },
      logs: { where: { kind: "LAB" }, orderBy: { review: "desc" }, take: 1, select: { reason: true, review: true } },
    },
  });
  const preview = previewIntervals(memoryFromRow(card), now, settings, card.id);
  const lab = card.logs[0];
  const reason = lab && (!card.lastReview || lab.review > card.lastReview) ? lab.reason : null;
  void userId;
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
