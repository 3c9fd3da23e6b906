/**
 * The plain data of scheduling, as the database stores it (camelCase mirrors of ts-fsrs's `Card` and `ReviewLog`).
 * Numbers for state and rating follow ts-fsrs's `State` and `Rating` enums so rows convert without a lookup table.
 */

export const CardState = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const;
export type CardState = (typeof CardState)[keyof typeof CardState];

/** The learner's answer: 1 Again, 2 Hard, 3 Good, 4 Easy. */
export const Rating = { Again: 1, Hard: 2, Good: 3, Easy: 4 } as const;
export type Rating = (typeof Rating)[keyof typeof Rating];
export const RATINGS: readonly Rating[] = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy];

export function isRating(value: unknown): value is Rating {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

/** The FSRS memory state of one card. */
export interface CardMemory {
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  /** Index of the current (re)learning step. */
  learningSteps: number;
  reps: number;
  lapses: number;
  state: CardState;
  lastReview: Date | null;
}

/** A card nobody has studied yet, available from `now`. */
export function newCardMemory(now: Date): CardMemory {
  return {
    due: new Date(now.getTime()),
    stability: 0,
    difficulty: 0,
    elapsedDays: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 0,
    lapses: 0,
    state: CardState.New,
    lastReview: null,
  };
}

/**
 * One answered review. The first ten fields are ts-fsrs's `ReviewLog`, with its meaning: they describe the card
 * as it was *before* the review (except `elapsedDays` and `review`, which describe the review itself).
 * The `prev*` fields are what `ReviewLog` lacks to restore that card exactly (see `restoreBeforeReview`).
 */
export interface ReviewLogEntry {
  rating: Rating;
  /** State before the review. */
  state: CardState;
  /** ts-fsrs's `log.due`: the previous review time, or the card's due if it had never been reviewed. */
  due: Date;
  /** Stability before the review. */
  stability: number;
  /** Difficulty before the review. */
  difficulty: number;
  /** Whole study days (the learner's rollover hour and time zone) from the previous review to this one; 0 for a new card. */
  elapsedDays: number;
  /** The card's `elapsedDays` before the review. */
  lastElapsedDays: number;
  /** The card's `scheduledDays` before the review. */
  scheduledDays: number;
  /** The card's `learningSteps` before the review. */
  learningSteps: number;
  /** When the review happened. */
  review: Date;
  /** The learner's study day it happened in (YYYY-MM-DD), as `studyDay(review).key` with their settings then. */
  studyDay: string;
  /** Time the learner took to answer, as reported by the client. */
  durationMs: number;
  /** The card's due before the review, to the millisecond (ts-fsrs's `due` holds the last review instead). */
  prevDue: Date;
  prevReps: number;
  prevLapses: number;
  prevLastReview: Date | null;
}
