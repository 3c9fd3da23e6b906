import { studyDay, type StudyDay } from "./day";
import type { Settings } from "./settings";
import { CardState, type CardMemory } from "./types";

const MINUTE_MS = 60_000;

export interface QueueCard {
  id: string;
  /** The slug of the card's deck: content order goes deck by deck. */
  deckSlug: string;
  /** The note's position in its deck. */
  position: number;
  memory: CardMemory;
  suspended: boolean;
  /** Buried (Anki): out of the queue until this instant, the start of a later study day. */
  buriedUntil?: Date | null;
  /** A failed lab submission brought it back (and no answer or reset since): a new one skips the new-card limit. */
  labMissed?: boolean;
  /**
   * When an instructor's track assigns the card's note to the learner: the earliest due date of those items, or null
   * for items without one. Absent when no track assigns it.
   */
  assignedDue?: Date | null;
}

/**
 * What each kind of card is ordered by within the queue, each key breaking the ties of the one before (QUEUE_ORDER).
 * - `due`: earliest first.
 * - `labMissed`: cards a failed lab submission brought back first.
 * - `assignedDue`: cards of track items due soonest first, then assigned cards without a due date, then the rest.
 * - `deckSlug`, `position`, `id`: content order, deck by deck, then the note's position in its deck, then the card id
 *   so that no two cards tie. Text compares by character code (`<`), not by a locale.
 */
export type QueueOrderKey = "due" | "labMissed" | "assignedDue" | "deckSlug" | "position" | "id";

/**
 * The one statement of the order of cards within each kind of today's queue (which kind comes when is
 * `planDailyQueue`'s). lib/review/queue.ts builds its SQL ORDER BY from these lists, key by key; the comparators
 * below read them over plain data.
 */
export const QUEUE_ORDER = {
  learning: ["due", "deckSlug", "position", "id"],
  review: ["due", "deckSlug", "position", "id"],
  new: ["labMissed", "assignedDue", "deckSlug", "position", "id"],
} as const satisfies Record<keyof QueueCounts, readonly QueueOrderKey[]>;

const compare = <T extends number | string>(x: T, y: T) => (x < y ? -1 : x > y ? 1 : 0);
// Assigned with a due date (soonest first), then assigned without one, then not assigned.
const assignedRank = (card: QueueCard) => (card.assignedDue === undefined ? Infinity : card.assignedDue === null ? Number.MAX_VALUE : card.assignedDue.getTime());

const compareBy: Record<QueueOrderKey, (a: QueueCard, b: QueueCard) => number> = {
  due: (a, b) => compare(a.memory.due.getTime(), b.memory.due.getTime()),
  labMissed: (a, b) => compare(Number(!a.labMissed), Number(!b.labMissed)),
  assignedDue: (a, b) => compare(assignedRank(a), assignedRank(b)),
  deckSlug: (a, b) => compare(a.deckSlug, b.deckSlug),
  position: (a, b) => compare(a.position, b.position),
  id: (a, b) => compare(a.id, b.id),
};

function byKeys(keys: readonly QueueOrderKey[]) {
  return (a: QueueCard, b: QueueCard): number => {
    for (const key of keys) {
      const order = compareBy[key](a, b);
      if (order !== 0) return order;
    }
    return 0;
  };
}

/** The order new cards are introduced in (QUEUE_ORDER.new). */
export const byNewCardOrder = byKeys(QUEUE_ORDER.new);
const byLearningOrder = byKeys(QUEUE_ORDER.learning);
const byReviewOrder = byKeys(QUEUE_ORDER.review);

/** Counted by the caller from the review log over the current study day. */
export interface DoneToday {
  /** New cards answered for the first time today. */
  newIntroduced: number;
  /** Answers today to cards that were in the Review state (new cards are not counted here). */
  reviewsDone: number;
}

export interface QueueCounts {
  new: number;
  learning: number;
  review: number;
}

/** What planning the queue reads of a card: the caller's card type passes through to `next`. */
export type PlannedCard = Pick<QueueCard, "id" | "memory">;

export interface DailyQueue<C extends PlannedCard = QueueCard> {
  /** The card to show now, or null when nothing is available now. */
  next: C | null;
  /** What is left today, including `next`, as Anki shows it. */
  counts: QueueCounts;
  /**
   * Only when `next` is null: the earliest moment a card could become available (a learning card later today, or
   * the start of a coming study day). Null when there is a card now, or nothing is scheduled at all.
   */
  nextDueAt: Date | null;
}

/**
 * What the queue needs to know about a learner's cards: how many of each kind are due, the first of each in
 * QUEUE_ORDER, and when the next ones come. A database computes it with a few aggregates (lib/review/queue.ts);
 * `summarizeCards` computes it from a list; both go through `planDailyQueue`.
 */
export interface QueueSummary<C extends PlannedCard = QueueCard> {
  /** (Re)learning cards due by the learning cutoff (see `learningCutoff`), and the first two of them. */
  learningDue: number;
  firstLearning: C | null;
  secondLearning: C | null;
  /** Review cards due before the end of the study day, and the first of them. */
  reviewsDueToday: number;
  firstReview: C | null;
  /** New cards, how many of them a lab miss brought back, and the first in line. */
  newAvailable: number;
  labNewAvailable: number;
  firstNew: C | null;
  /** The earliest review due at or after the end of the study day; the earliest (re)learning due past the cutoff. */
  laterReviewDue: Date | null;
  laterLearningDue: Date | null;
}

/**
 * (Re)learning cards count as due up to this instant: `now` plus the learn-ahead window, never past the study day
 * (Anki's learning count). It is inclusive: a card due exactly then counts.
 */
export function learningCutoff(now: Date, learnAheadMinutes: number, today: StudyDay): Date {
  return new Date(Math.min(now.getTime() + learnAheadMinutes * MINUTE_MS, today.end.getTime() - 1));
}

export interface PlanInput<C extends PlannedCard = QueueCard> {
  summary: QueueSummary<C>;
  now: Date;
  settings: Pick<Settings, "newPerDay" | "maxReviewsPerDay" | "timeZone" | "rolloverHour" | "learnAheadMinutes">;
  doneToday: DoneToday;
  /** The card of the learner's last answer: not shown twice in a row while another learning card waits. */
  justAnswered?: string | null;
}

/**
 * Today's queue: (re)learning cards that are due, then review cards due this study day (up to the review limit),
 * then new cards (up to the new limit, and only while the review limit has room, as in Anki), then (re)learning
 * cards due within the learn-ahead window; within each kind, in QUEUE_ORDER.
 * The review limit bounds reviews plus new cards introduced in a study day; (re)learning cards are never limited, and
 * neither are new cards a failed lab submission brought back.
 */
export function planDailyQueue<C extends PlannedCard>(input: PlanInput<C>): DailyQueue<C> {
  const { now, settings, doneToday, summary } = input;
  const learnAheadMs = settings.learnAheadMinutes * MINUTE_MS;
  const today = studyDay(now, settings.timeZone, settings.rolloverHour);
  const nowMs = now.getTime();
  const endMs = today.end.getTime();

  // New cards introduced today use up the review limit too, so the counts shown at the start of a session stay true
  // while it is studied.
  const reviewRoom = Math.max(0, settings.maxReviewsPerDay - doneToday.reviewsDone - doneToday.newIntroduced);
  const reviewsToday = Math.min(summary.reviewsDueToday, reviewRoom);
  const newRoom = Math.max(0, Math.min(settings.newPerDay - doneToday.newIntroduced, reviewRoom - reviewsToday));
  const newToday = Math.min(summary.newAvailable, Math.max(newRoom, summary.labNewAvailable));
  const counts = { new: newToday, learning: summary.learningDue, review: reviewsToday };

  // Among the waiting (re)learning cards, one other than the card just answered when there is one (Anki does the
  // same when only learning cards are left).
  const waiting = [summary.firstLearning, summary.secondLearning].filter((card): card is C => card !== null);
  const pick = (cards: C[]) => cards.find((card) => card.id !== input.justAnswered) ?? cards[0];
  const next =
    pick(waiting.filter((card) => card.memory.due.getTime() <= nowMs)) ??
    (reviewsToday > 0 ? summary.firstReview : undefined) ??
    (newToday > 0 ? summary.firstNew : undefined) ??
    pick(waiting) ??
    null;
  if (next) return { next, counts, nextDueAt: null };

  const candidates: number[] = [];
  const reviewsLeftOver = summary.reviewsDueToday > reviewsToday;
  const newLeftOver = summary.newAvailable > newToday && settings.newPerDay > 0;
  if (settings.maxReviewsPerDay > 0 && (reviewsLeftOver || newLeftOver)) candidates.push(endMs);
  if (settings.maxReviewsPerDay > 0 && summary.laterReviewDue) {
    // A review card is due for the whole study day its due falls in.
    candidates.push(studyDay(summary.laterReviewDue, settings.timeZone, settings.rolloverHour).start.getTime());
  }
  if (summary.laterLearningDue) {
    const dayStart = studyDay(summary.laterLearningDue, settings.timeZone, settings.rolloverHour).start.getTime();
    candidates.push(Math.max(dayStart, summary.laterLearningDue.getTime() - learnAheadMs));
  }
  return { next: null, counts, nextDueAt: candidates.length > 0 ? new Date(Math.min(...candidates)) : null };
}

// The same queue over a plain list of cards: what lib/review/queue.ts's SQL must agree with (its comparison tests
// build both from the same cards). Not part of lib/srs's face: the server summarizes in SQL.

export type DailyQueueInput = Omit<PlanInput, "summary"> & { cards: readonly QueueCard[] };

export function summarizeCards(cards: readonly QueueCard[], cutoff: Date, today: Pick<StudyDay, "start" | "end">): QueueSummary<QueueCard> {
  const cutoffMs = cutoff.getTime();
  const endMs = today.end.getTime();
  const summary: QueueSummary<QueueCard> = {
    learningDue: 0,
    firstLearning: null,
    secondLearning: null,
    reviewsDueToday: 0,
    firstReview: null,
    newAvailable: 0,
    labNewAvailable: 0,
    firstNew: null,
    laterReviewDue: null,
    laterLearningDue: null,
  };
  const before = (order: (a: QueueCard, b: QueueCard) => number) => (a: QueueCard, b: QueueCard | null) => b === null || order(a, b) < 0;
  const [learningBefore, reviewBefore] = [before(byLearningOrder), before(byReviewOrder)];
  for (const card of cards) {
    if (card.suspended || (card.buriedUntil && card.buriedUntil > today.start)) continue;
    const due = card.memory.due;
    switch (card.memory.state) {
      case CardState.New:
        summary.newAvailable++;
        if (card.labMissed) summary.labNewAvailable++;
        if (summary.firstNew === null || byNewCardOrder(card, summary.firstNew) < 0) summary.firstNew = card;
        break;
      case CardState.Review:
        if (due.getTime() < endMs) {
          summary.reviewsDueToday++;
          if (reviewBefore(card, summary.firstReview)) summary.firstReview = card;
        } else if (!summary.laterReviewDue || due < summary.laterReviewDue) summary.laterReviewDue = due;
        break;
      case CardState.Learning:
      case CardState.Relearning:
        if (due.getTime() <= cutoffMs) {
          summary.learningDue++;
          if (learningBefore(card, summary.firstLearning)) {
            summary.secondLearning = summary.firstLearning;
            summary.firstLearning = card;
          } else if (learningBefore(card, summary.secondLearning)) summary.secondLearning = card;
        } else if (!summary.laterLearningDue || due < summary.laterLearningDue) summary.laterLearningDue = due;
        break;
    }
  }
  return summary;
}

export function buildDailyQueue(input: DailyQueueInput): DailyQueue {
  const { now, settings } = input;
  const today = studyDay(now, settings.timeZone, settings.rolloverHour);
  const cutoff = learningCutoff(now, settings.learnAheadMinutes, today);
  return planDailyQueue({ ...input, summary: summarizeCards(input.cards, cutoff, today) });
}
