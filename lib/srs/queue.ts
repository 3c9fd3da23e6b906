import { studyDay, type StudyDay } from "./day";
import type { Settings } from "./settings";
import { CardState, type CardMemory } from "./types";

const MINUTE_MS = 60_000;

export interface QueueCard {
  id: string;
  /** Content order: new cards are introduced by ascending position. */
  position: number;
  memory: CardMemory;
  suspended: boolean;
  /** A failed lab submission brought it back (and no answer or reset since): a new one skips the new-card limit. */
  labMissed?: boolean;
  /**
   * When an instructor's track assigns the card's note to the learner: the earliest due date of those items, or null
   * for items without one. Absent when no track assigns it. New cards of items due soonest come first.
   */
  assignedDue?: Date | null;
}

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

export interface DailyQueue {
  /** The card to show now, or null when nothing is available now. */
  next: QueueCard | null;
  /** What is left today, including `next`, as Anki shows it. */
  counts: QueueCounts;
  /**
   * Only when `next` is null: the earliest moment a card could become available (a learning card later today, or
   * the start of a coming study day). Null when there is a card now, or nothing is scheduled at all.
   */
  nextDueAt: Date | null;
}

export interface DailyQueueInput {
  cards: readonly QueueCard[];
  now: Date;
  settings: Pick<Settings, "newPerDay" | "maxReviewsPerDay" | "timeZone" | "rolloverHour" | "learnAheadMinutes">;
  doneToday: DoneToday;
  /** The card of the learner's last answer: not shown twice in a row while another learning card waits. */
  justAnswered?: string | null;
}

const byDueThenPosition = (a: QueueCard, b: QueueCard) =>
  a.memory.due.getTime() - b.memory.due.getTime() || byPosition(a, b);
const byPosition = (a: QueueCard, b: QueueCard) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

// Assigned with a due date (soonest first), then assigned without one, then not assigned.
const assignedRank = (card: QueueCard) => (card.assignedDue === undefined ? Infinity : card.assignedDue === null ? Number.MAX_VALUE : card.assignedDue.getTime());

/**
 * The order new cards are introduced in: cards a failed lab submission brought back first, then cards of track items
 * due soonest, then content order.
 */
export function byNewCardOrder(a: QueueCard, b: QueueCard): number {
  const lab = Number(!a.labMissed) - Number(!b.labMissed);
  if (lab !== 0) return lab;
  const x = assignedRank(a);
  const y = assignedRank(b);
  return x < y ? -1 : x > y ? 1 : byPosition(a, b);
}

/**
 * What the queue needs to know about a learner's cards: how many of each kind are due, the first of each, and when
 * the next ones come. A database computes it with a few aggregates (lib/review/queue.ts); `summarizeCards` computes
 * it from a list, so both paths share `planDailyQueue`.
 */
export interface QueueSummary {
  /** (Re)learning cards due by the learning cutoff (see `learningCutoff`), and the first two of them. */
  learningDue: number;
  firstLearning: QueueCard | null;
  secondLearning: QueueCard | null;
  /** Review cards due before the end of the study day, and the earliest of them (ties: content order). */
  reviewsDueToday: number;
  firstReview: QueueCard | null;
  /** New cards, how many of them a lab miss brought back, and the first in line (byNewCardOrder). */
  newAvailable: number;
  labNewAvailable: number;
  firstNew: QueueCard | null;
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

export function summarizeCards(cards: readonly QueueCard[], cutoff: Date, endOfDay: Date): QueueSummary {
  const cutoffMs = cutoff.getTime();
  const endMs = endOfDay.getTime();
  const summary: QueueSummary = {
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
  const earlier = (a: QueueCard, b: QueueCard | null) => b === null || byDueThenPosition(a, b) < 0;
  for (const card of cards) {
    if (card.suspended) continue;
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
          if (earlier(card, summary.firstReview)) summary.firstReview = card;
        } else if (!summary.laterReviewDue || due < summary.laterReviewDue) summary.laterReviewDue = due;
        break;
      case CardState.Learning:
      case CardState.Relearning:
        if (due.getTime() <= cutoffMs) {
          summary.learningDue++;
          if (earlier(card, summary.firstLearning)) {
            summary.secondLearning = summary.firstLearning;
            summary.firstLearning = card;
          } else if (earlier(card, summary.secondLearning)) summary.secondLearning = card;
        } else if (!summary.laterLearningDue || due < summary.laterLearningDue) summary.laterLearningDue = due;
        break;
    }
  }
  return summary;
}

/**
 * Today's queue: (re)learning cards that are due, then review cards due this study day (up to the review limit),
 * then new cards (lab-missed ones first, then those of instructors' track items due soonest, then content order;
 * up to the new limit, and only while the review limit has room, as in Anki), then (re)learning cards due within
 * the learn-ahead window.
 * The review limit bounds reviews plus new cards introduced in a study day; (re)learning cards are never limited, and
 * neither are new cards a failed lab submission brought back.
 */
export function buildDailyQueue(input: DailyQueueInput): DailyQueue {
  const { now, settings } = input;
  const today = studyDay(now, settings.timeZone, settings.rolloverHour);
  const cutoff = learningCutoff(now, settings.learnAheadMinutes, today);
  return planDailyQueue({ ...input, summary: summarizeCards(input.cards, cutoff, today.end) });
}

export type PlanInput = Omit<DailyQueueInput, "cards"> & { summary: QueueSummary };

export function planDailyQueue(input: PlanInput): DailyQueue {
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
  const waiting = [summary.firstLearning, summary.secondLearning].filter((card): card is QueueCard => card !== null);
  const pick = (cards: QueueCard[]) => cards.find((card) => card.id !== input.justAnswered) ?? cards[0];
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
