import { studyDay } from "./day";
import type { Settings } from "./settings";
import { CardState, type CardMemory } from "./types";

/** Anki's default: with nothing else left, learning cards due within this window are shown early. */
export const DEFAULT_LEARN_AHEAD_MS = 20 * 60_000;

export interface QueueCard {
  id: string;
  /** Content order: new cards are introduced by ascending position. */
  position: number;
  memory: CardMemory;
  suspended: boolean;
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
  settings: Pick<Settings, "newPerDay" | "maxReviewsPerDay" | "timeZone" | "rolloverHour">;
  doneToday: DoneToday;
  learnAheadMs?: number;
}

const byDueThenPosition = (a: QueueCard, b: QueueCard) =>
  a.memory.due.getTime() - b.memory.due.getTime() || byPosition(a, b);
const byPosition = (a: QueueCard, b: QueueCard) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Today's queue: (re)learning cards that are due, then review cards due this study day (up to the review limit),
 * then new cards in content order (up to the new limit, and only while the review limit has room, as in Anki).
 * The review limit bounds reviews plus new cards introduced in a study day; (re)learning cards are never limited.
 */
export function buildDailyQueue(input: DailyQueueInput): DailyQueue {
  const { now, settings, doneToday } = input;
  const learnAheadMs = input.learnAheadMs ?? DEFAULT_LEARN_AHEAD_MS;
  const today = studyDay(now, settings.timeZone, settings.rolloverHour);
  const nowMs = now.getTime();
  const endMs = today.end.getTime();

  const learning: QueueCard[] = [];
  const reviews: QueueCard[] = [];
  const fresh: QueueCard[] = [];
  let laterLearningDue = Infinity;
  let laterReviewDue = Infinity;
  for (const card of input.cards) {
    if (card.suspended) continue;
    const due = card.memory.due.getTime();
    switch (card.memory.state) {
      case CardState.New:
        fresh.push(card);
        break;
      case CardState.Review:
        if (due < endMs) reviews.push(card);
        else laterReviewDue = Math.min(laterReviewDue, due);
        break;
      case CardState.Learning:
      case CardState.Relearning:
        if (due < endMs) learning.push(card);
        else laterLearningDue = Math.min(laterLearningDue, due);
        break;
    }
  }
  learning.sort(byDueThenPosition);
  reviews.sort(byDueThenPosition);
  fresh.sort(byPosition);

  // New cards introduced today use up the review limit too, so the counts shown at the start of a session stay true
  // while it is studied.
  const reviewRoom = Math.max(0, settings.maxReviewsPerDay - doneToday.reviewsDone - doneToday.newIntroduced);
  const reviewsToday = reviews.slice(0, reviewRoom);
  const newRoom = Math.max(0, Math.min(settings.newPerDay - doneToday.newIntroduced, reviewRoom - reviewsToday.length));
  const newToday = fresh.slice(0, newRoom);
  const counts = { new: newToday.length, learning: learning.length, review: reviewsToday.length };

  const firstLearning = learning[0];
  const learningDueIn = firstLearning ? firstLearning.memory.due.getTime() - nowMs : Infinity;
  const next =
    (learningDueIn <= 0 ? firstLearning : undefined) ??
    reviewsToday[0] ??
    newToday[0] ??
    (learningDueIn <= learnAheadMs ? firstLearning : undefined) ??
    null;
  if (next) return { next, counts, nextDueAt: null };

  const candidates: number[] = [];
  if (firstLearning) candidates.push(firstLearning.memory.due.getTime() - learnAheadMs);
  const reviewsLeftOver = reviews.length > reviewsToday.length;
  const newLeftOver = fresh.length > newToday.length && settings.newPerDay > 0;
  if (settings.maxReviewsPerDay > 0 && (reviewsLeftOver || newLeftOver)) candidates.push(endMs);
  if (settings.maxReviewsPerDay > 0 && laterReviewDue < Infinity) {
    // A review card is due for the whole study day its due falls in.
    candidates.push(studyDay(new Date(laterReviewDue), settings.timeZone, settings.rolloverHour).start.getTime());
  }
  if (laterLearningDue < Infinity) {
    const dayStart = studyDay(new Date(laterLearningDue), settings.timeZone, settings.rolloverHour).start.getTime();
    candidates.push(Math.max(dayStart, laterLearningDue - learnAheadMs));
  }
  return { next: null, counts, nextDueAt: candidates.length > 0 ? new Date(Math.min(...candidates)) : null };
}
