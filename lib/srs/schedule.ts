import { fsrs, GenSeedStrategyWithCardId, StrategyMode, type Card, type FSRS, type Grade } from "ts-fsrs";
import { fromFsrsCard, toFsrsCard } from "./fsrs-card";
import { formatInterval } from "./interval-label";
import { toFsrsParams, type Settings } from "./settings";
import { type CardMemory, type CardState, type Rating, type ReviewLogEntry } from "./types";

/** The field ts-fsrs's seed strategy reads; it appends the card's rep count to it. */
const SEED_FIELD = "seed_prefix";
type SeededCard = Card & { [SEED_FIELD]: string };

/**
 * With a card id, fuzz is seeded by card id + rep count (as Anki does), so the interval previewed on a button is the
 * one answering schedules, and cards reviewed together spread apart. Without one, ts-fsrs's default seed is used
 * (review time + reps + memory), which is still deterministic for the same inputs.
 */
function fsrsFor(
  settings: Settings,
  cardId: string | undefined,
): { scheduler: FSRS; toCard: (memory: CardMemory) => Card } {
  const scheduler = fsrs(toFsrsParams(settings));
  if (cardId === undefined) return { scheduler, toCard: toFsrsCard };
  scheduler.useStrategy(StrategyMode.SEED, GenSeedStrategyWithCardId(SEED_FIELD));
  return { scheduler, toCard: (memory): SeededCard => ({ ...toFsrsCard(memory), [SEED_FIELD]: `${cardId}:` }) };
}

function copyDate(date: Date): Date {
  return new Date(date.getTime());
}

export interface ScheduledReview {
  next: CardMemory;
  log: ReviewLogEntry;
}

/** Applies one answer: the card's next memory and the log row that records (and can undo) it. */
export function scheduleReview(
  memory: CardMemory,
  rating: Rating,
  now: Date,
  settings: Settings,
  durationMs: number,
  cardId?: string,
): ScheduledReview {
  const { scheduler, toCard } = fsrsFor(settings, cardId);
  const item = scheduler.next(toCard(memory), now, rating as number as Grade);
  const log = item.log;
  return {
    next: fromFsrsCard(item.card),
    log: {
      rating,
      state: log.state as number as CardState,
      due: copyDate(log.due),
      stability: log.stability,
      difficulty: log.difficulty,
      elapsedDays: log.elapsed_days,
      lastElapsedDays: log.last_elapsed_days,
      scheduledDays: log.scheduled_days,
      learningSteps: log.learning_steps,
      review: copyDate(log.review),
      durationMs,
      prevDue: copyDate(memory.due),
      prevReps: memory.reps,
      prevLapses: memory.lapses,
      prevLastReview: memory.lastReview ? copyDate(memory.lastReview) : null,
    },
  };
}

export interface IntervalPreview {
  due: Date;
  /** Time from `now` to `due`, e.g. `10m`, `4d`. */
  label: string;
}

/** What each answer button would schedule, for labelling the buttons. Pass the same cardId as when answering. */
export function previewIntervals(
  memory: CardMemory,
  now: Date,
  settings: Settings,
  cardId?: string,
): Record<Rating, IntervalPreview> {
  const { scheduler, toCard } = fsrsFor(settings, cardId);
  const preview = scheduler.repeat(toCard(memory), now);
  const at = (rating: Rating): IntervalPreview => {
    const due = copyDate(preview[rating as number as Grade].card.due);
    return { due, label: formatInterval(due.getTime() - now.getTime()) };
  };
  return { 1: at(1), 2: at(2), 3: at(3), 4: at(4) };
}

/**
 * The card's memory exactly as it was before the review `log` records, for undo.
 * ts-fsrs's `rollback` is not used: it cannot know the previous due of a reviewed card (its log's `due` holds the
 * previous review time) and resets a new card's due to that time; the `prev*` fields carry what it lacks.
 */
export function restoreBeforeReview(log: ReviewLogEntry): CardMemory {
  return {
    due: copyDate(log.prevDue),
    stability: log.stability,
    difficulty: log.difficulty,
    elapsedDays: log.lastElapsedDays,
    scheduledDays: log.scheduledDays,
    learningSteps: log.learningSteps,
    reps: log.prevReps,
    lapses: log.prevLapses,
    state: log.state,
    lastReview: log.prevLastReview ? copyDate(log.prevLastReview) : null,
  };
}
