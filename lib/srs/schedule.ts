// Answering a card: FSRS's memory model (ts-fsrs's FSRSAlgorithm: stability, difficulty, intervals, fuzz) driven by
// Anki's rules for steps and days, on the learner's study days:
// - elapsed days are study days between the last review and this one (the learner's rollover hour and time zone),
//   never UTC dates, so 18:55 and 19:05 in New York are one day;
// - an interval of n days is due at the start of the study day n days later, DST included;
// - (re)learning steps follow Anki (see steps.ts); a step that ends in a later study day (a `1d` step, or 1h at 03:30
//   with a 04:00 rollover) keeps the card in (re)learning, due at the start of that day, as Anki's interday learning;
// - the maximum interval caps Hard, Good and Easy alike.
// The labels on the buttons are computed by the very same path as the answers (`answerOutcomes`).
import { FSRSAlgorithm } from "ts-fsrs";
import { studyDay, studyDayAfter, studyDaysBetween, type StudyDay } from "./day";
import { formatInterval } from "./interval-label";
import { leechThresholdMet } from "./leech";
import { stepsInMinutes, toFsrsParams, type Settings } from "./settings";
import { stepDelays, type StepDelay } from "./steps";
import { CardState, RATINGS, type CardMemory, type Rating, type ReviewLogEntry } from "./types";

const DAY_MS = 86_400_000;
const DAY_SECONDS = 86_400;

// FSRS with the learner's parameters, built once per distinct parameters (building it validates and clips the weights
// and wraps them in a Proxy: the hot path would do it twice per answer). The key is read straight from the settings,
// so a cache hit costs one short string. Only the fuzz seed changes between answers, and it is set before every use.
const algorithms = new Map<string, FSRSAlgorithm>();

function algorithmFor(settings: Settings): FSRSAlgorithm {
  const { desiredRetention, maximumInterval, enableFuzz, relearningSteps, fsrsParameters } = settings;
  const id = `${desiredRetention}|${maximumInterval}|${enableFuzz}|${relearningSteps}|${fsrsParameters.join(",")}`;
  let algorithm = algorithms.get(id);
  if (!algorithm) {
    if (algorithms.size >= 1000) algorithms.clear();
    algorithm = new FSRSAlgorithm(toFsrsParams(settings));
    algorithms.set(id, algorithm);
  }
  return algorithm;
}

interface Outcome {
  next: CardMemory;
  /** The interval as its button shows it: `10m`, `1d`, `2.3mo`. */
  label: string;
  /** A lapse that reached the leech threshold (see leech.ts). */
  leeched: boolean;
}

/** What each of the four answers would do to `memory` at `now`, and the study day `now` is in. */
function answerOutcomes(memory: CardMemory, now: Date, settings: Settings, cardId: string): { today: StudyDay; outcomes: Record<Rating, Outcome> } {
  const { timeZone, rolloverHour, maximumInterval } = settings;
  const today = studyDay(now, timeZone, rolloverHour);
  const elapsedDays =
    memory.state === CardState.New || memory.lastReview === null
      ? 0
      : Math.max(0, studyDaysBetween(studyDay(memory.lastReview, timeZone, rolloverHour).key, today.key));

  const fsrs = algorithmFor(settings);
  // Fuzz seeded by card id and rep count, as Anki does (and as ts-fsrs's GenSeedStrategyWithCardId spells it).
  fsrs.seed = `${cardId}:${memory.reps + 1}`;
  const states = RATINGS.map((rating) => fsrs.next_state({ difficulty: memory.difficulty, stability: memory.stability }, elapsedDays, rating));
  const memoryAfter = (rating: Rating) => states[rating - 1]!;
  const fuzzedDays = (stability: number): number => fsrs.next_interval(stability, elapsedDays);
  const capped = (days: number) => Math.min(Math.max(1, days), maximumInterval);
  const dayStart = (days: number): StudyDay => studyDayAfter(today, days, timeZone, rolloverHour);

  const card = (rating: Rating, fields: Pick<CardMemory, "due" | "scheduledDays" | "learningSteps" | "state" | "lapses">): CardMemory => ({
    due: fields.due,
    stability: memoryAfter(rating).stability,
    difficulty: memoryAfter(rating).difficulty,
    elapsedDays,
    scheduledDays: fields.scheduledDays,
    learningSteps: fields.learningSteps,
    reps: memory.reps + 1,
    lapses: fields.lapses,
    state: fields.state,
    lastReview: new Date(now.getTime()),
  });
  const review = (rating: Rating, days: number, lapses = memory.lapses): Outcome => ({
    next: card(rating, { due: dayStart(days).start, scheduledDays: days, learningSteps: 0, state: CardState.Review, lapses }),
    label: formatInterval(days * DAY_MS),
    leeched: false,
  });
  const step = (rating: Rating, delay: StepDelay, state: CardState, lapses = memory.lapses): Outcome => {
    const at = now.getTime() + delay.seconds * 1000;
    // Whole days are study days; a shorter step that ends past the rollover is due when that study day starts.
    const dueDay =
      delay.seconds % DAY_SECONDS === 0 ? dayStart(delay.seconds / DAY_SECONDS) : at >= today.end.getTime() ? studyDay(new Date(at), timeZone, rolloverHour) : null;
    const days = dueDay ? studyDaysBetween(today.key, dueDay.key) : 0;
    return {
      next: card(rating, { due: dueDay ? dueDay.start : new Date(at), scheduledDays: days, learningSteps: delay.step, state, lapses }),
      label: dueDay ? formatInterval(days * DAY_MS) : formatInterval(delay.seconds * 1000),
      leeched: false,
    };
  };

  if (memory.state === CardState.Review) {
    let hard = fuzzedDays(memoryAfter(2).stability);
    let good = fuzzedDays(memoryAfter(3).stability);
    hard = Math.min(hard, good);
    good = Math.max(good, hard + 1);
    const easy = Math.max(fuzzedDays(memoryAfter(4).stability), good + 1);
    const lapses = memory.lapses + 1;
    const relearn = stepDelays(stepsInMinutes(settings.relearningSteps), 0).again;
    const again = relearn ? step(1, relearn, CardState.Relearning, lapses) : review(1, capped(fuzzedDays(memoryAfter(1).stability)), lapses);
    return {
      today,
      outcomes: {
        1: { ...again, leeched: leechThresholdMet(lapses, settings.leechThreshold) },
        2: review(2, capped(hard)),
        3: review(3, capped(good)),
        4: review(4, capped(easy)),
      },
    };
  }

  // New, Learning, Relearning: a new card answers as a learning card on its first step (Anki).
  const relearning = memory.state === CardState.Relearning;
  const state = relearning ? CardState.Relearning : CardState.Learning;
  const delays = stepDelays(
    stepsInMinutes(relearning ? settings.relearningSteps : settings.learningSteps),
    memory.state === CardState.New ? 0 : memory.learningSteps,
  );
  const graduated = (rating: Rating) => review(rating, capped(fuzzedDays(memoryAfter(rating).stability)));
  const goodDays = fuzzedDays(memoryAfter(3).stability);
  return {
    today,
    outcomes: {
      1: delays.again ? step(1, delays.again, state) : graduated(1),
      2: delays.hard ? step(2, delays.hard, state) : graduated(2),
      3: delays.good ? step(3, delays.good, state) : graduated(3),
      // Easy always graduates, at least a day past what Good would give on graduating (Anki).
      4: review(4, capped(Math.max(fuzzedDays(memoryAfter(4).stability), goodDays + 1))),
    },
  };
}

export interface ScheduledReview {
  next: CardMemory;
  log: ReviewLogEntry;
  /** What the answer's button said. */
  label: string;
  /** This answer was a lapse that reached the leech threshold: the card is a leech (again). */
  leeched: boolean;
}

/**
 * Applies one answer: the card's next memory and the log row that records (and can undo) it. `cardId` seeds the fuzz
 * (Anki's card id + rep count), so pass the same one as when previewing.
 */
export function scheduleReview(
  memory: CardMemory,
  rating: Rating,
  now: Date,
  settings: Settings,
  durationMs: number,
  cardId = "",
): ScheduledReview {
  const { today, outcomes } = answerOutcomes(memory, now, settings, cardId);
  const outcome = outcomes[rating];
  const copy = (date: Date) => new Date(date.getTime());
  return {
    next: outcome.next,
    label: outcome.label,
    leeched: outcome.leeched,
    // ts-fsrs's ReviewLog, with its meaning: the card as it was before, plus this review's elapsed days and time.
    log: {
      rating,
      state: memory.state,
      due: copy(memory.lastReview ?? memory.due),
      stability: memory.stability,
      difficulty: memory.difficulty,
      elapsedDays: outcome.next.elapsedDays,
      lastElapsedDays: memory.elapsedDays,
      scheduledDays: memory.scheduledDays,
      learningSteps: memory.learningSteps,
      review: copy(now),
      studyDay: today.key,
      durationMs,
      prevDue: copy(memory.due),
      prevReps: memory.reps,
      prevLapses: memory.lapses,
      prevLastReview: memory.lastReview ? copy(memory.lastReview) : null,
    },
  };
}

/**
 * The interval, in days, that FSRS gives a review card of `stability` under `settings`, fuzzed with the seed its last
 * answer used (card id and rep count) and capped by the maximum interval: for rescheduling a card with new parameters,
 * so that unchanged parameters give back the interval the card already has.
 */
export function reviewInterval(stability: number, settings: Settings, cardId: string, reps: number, elapsedDays: number): number {
  const fsrs = algorithmFor(settings);
  fsrs.seed = `${cardId}:${reps}`;
  return Math.min(Math.max(1, fsrs.next_interval(stability, elapsedDays)), settings.maximumInterval);
}

export interface IntervalPreview {
  due: Date;
  /** The interval the answer gives, e.g. `10m`, `4d`: minutes and hours for steps, days for days. */
  label: string;
}

/** What each answer button would schedule, for labelling the buttons. Pass the same cardId as when answering. */
export function previewIntervals(memory: CardMemory, now: Date, settings: Settings, cardId = ""): Record<Rating, IntervalPreview> {
  const { outcomes } = answerOutcomes(memory, now, settings, cardId);
  const preview = {} as Record<Rating, IntervalPreview>;
  for (const rating of RATINGS) preview[rating] = { due: outcomes[rating].next.due, label: outcomes[rating].label };
  return preview;
}

/**
 * The card's memory exactly as it was before the review `log` records, for undo.
 * ts-fsrs's `rollback` is not used: it cannot know the previous due of a reviewed card (its log's `due` holds the
 * previous review time) and resets a new card's due to that time; the `prev*` fields carry what it lacks.
 */
export function restoreBeforeReview(log: ReviewLogEntry): CardMemory {
  return {
    due: new Date(log.prevDue.getTime()),
    stability: log.stability,
    difficulty: log.difficulty,
    elapsedDays: log.lastElapsedDays,
    scheduledDays: log.scheduledDays,
    learningSteps: log.learningSteps,
    reps: log.prevReps,
    lapses: log.prevLapses,
    state: log.state,
    lastReview: log.prevLastReview ? new Date(log.prevLastReview.getTime()) : null,
  };
}
