// A year of a learner's reviews, simulated (after fsrs-rs's `simulate`, src/simulation.rs): their studied cards as
// they stand, their new cards introduced at their daily limit, each review recalled with the probability FSRS gives
// it and rated as the learner tends to rate, each (re)learning step as learners move through steps, each answer costing
// the time the learner takes for it. Run at several desired retentions, it shows the workload and the memory each
// gives; the one with the most memory per minute of review is Anki's "minimum recommended retention" (CMRR).
// Seeded: common random numbers across retentions, so their differences are the retention's, not the dice's.
import { initialMemory, modelWeights, nextMemory, powerForgettingCurve } from "./fsrs-model";
import { seededRandom } from "./random";

/** A studied card, in days relative to today (0): when it was last reviewed (≤ 0) and when it is due. */
export type SimulatedCard = { stability: number; difficulty: number; lastDay: number; dueDay: number };

type FourNumbers = readonly [number, number, number, number];

export type YearInput = {
  /** The learner's FSRS parameters (empty: the defaults). */
  parameters: readonly number[];
  cards: readonly SimulatedCard[];
  newCards: number;
  newPerDay: number;
  maxReviewsPerDay: number;
  maximumInterval: number;
  /** Same-day (re)learning steps. */
  learningSteps: number;
  relearningSteps: number;
  /** Seconds per answer, by rating (Again, Hard, Good, Easy), in each phase. */
  costs: { learning: FourNumbers; review: FourNumbers; relearning: FourNumbers };
  /** How the learner rates a new card the first time, and a recalled review card (Hard, Good, Easy). */
  firstRating: FourNumbers;
  recallRating: readonly [number, number, number];
  days: number;
  seed: number;
};

export type YearOutcome = {
  desiredRetention: number;
  /** Answers to review cards per day, on average (learning steps and new cards not included). */
  reviewsPerDay: number;
  /** New cards introduced per day, on average. */
  newPerDay: number;
  /** Minutes of answering per day, on average (everything included). */
  minutesPerDay: number;
  /** Cards expected to be remembered at the end (the sum of each studied card's probability of recall then). */
  remembered: number;
  /** `remembered` per hour of answering over the year: the memory each minute buys. */
  rememberedPerHour: number;
};

// fsrs-rs's defaults for how learners move through (re)learning steps: row = the rating before, column = the next.
type Transitions = readonly [FourNumbers, FourNumbers, FourNumbers];
const LEARNING_TRANSITIONS: Transitions = [
  [0.3686, 0.0628, 0.5108, 0.0577],
  [0.0442, 0.4553, 0.4457, 0.0549],
  [0.0519, 0.047, 0.8462, 0.055],
];
const RELEARNING_TRANSITIONS: Transitions = [
  [0.2157, 0.0643, 0.6595, 0.0604],
  [0.05, 0.4638, 0.4475, 0.0387],
  [0.1057, 0.1434, 0.7266, 0.0244],
];
const MAX_STEPS = 5;

/** Index of the outcome drawn with `weights` (need not sum to 1). */
function draw(weights: readonly number[], random: () => number): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let u = random() * total;
  for (let i = 0; i < weights.length - 1; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

export function simulateYear(input: YearInput, desiredRetention: number): YearOutcome {
  const w = modelWeights(input.parameters);
  const random = seededRandom(input.seed);
  const { days } = input;
  const decay = -w[20]!;
  const factor = Math.exp(Math.log(0.9) / decay) - 1;
  const intervalFor = (stability: number) =>
    Math.min(Math.max(1, Math.round((stability / factor) * (Math.pow(desiredRetention, 1 / decay) - 1))), input.maximumInterval);

  const count = input.cards.length + input.newCards;
  const stability = new Float64Array(count);
  const difficulty = new Float64Array(count);
  const lastDay = new Float64Array(count);
  const studied = new Uint8Array(count);
  const dueBuckets: number[][] = Array.from({ length: days + 1 }, () => []);
  const schedule = (card: number, day: number) => {
    if (day < days) dueBuckets[Math.max(0, day)]!.push(card);
  };
  input.cards.forEach((card, i) => {
    stability[i] = card.stability;
    difficulty[i] = card.difficulty;
    lastDay[i] = card.lastDay;
    studied[i] = 1;
    schedule(i, card.dueDay);
  });

  /** (Re)learning steps after a first answer or a lapse, as fsrs-rs's `memory_state_short_term`; returns their cost. */
  const steps = (card: number, first: number | null, transitions: Transitions, costs: FourNumbers, stepCount: number) => {
    let rating = first ?? 1;
    let cost = first === null ? 0 : costs[rating - 1]!;
    let consecutive = 0;
    const consecutiveMax = rating > 2 ? Math.max(0, stepCount - 1) : stepCount;
    for (let i = 0; i < MAX_STEPS && consecutive < consecutiveMax && rating < 4; i++) {
      rating = 1 + draw(transitions[rating - 1]!, random);
      const next = nextMemory(w, { stability: stability[card]!, difficulty: difficulty[card]! }, 0, rating);
      stability[card] = next.stability;
      difficulty[card] = next.difficulty;
      cost += costs[rating - 1]!;
      if (rating > 2) consecutive++;
      else if (rating === 1) consecutive = 0;
    }
    return cost;
  };

  let seconds = 0;
  let reviews = 0;
  let introduced = 0;
  for (let day = 0; day < days; day++) {
    const due = dueBuckets[day]!;
    // Easier cards first, as fsrs-rs orders a day's reviews; those past the daily limit wait for the next day.
    due.sort((a, b) => difficulty[a]! - difficulty[b]!);
    for (let i = 0; i < due.length; i++) {
      const card = due[i]!;
      if (i >= input.maxReviewsPerDay) {
        schedule(card, day + 1);
        continue;
      }
      const elapsed = day - lastDay[card]!;
      const recall = powerForgettingCurve(w, elapsed, stability[card]!);
      const forgot = random() >= recall;
      const rating = forgot ? 1 : 2 + draw(input.recallRating, random);
      const next = nextMemory(w, { stability: stability[card]!, difficulty: difficulty[card]! }, elapsed, rating);
      stability[card] = next.stability;
      difficulty[card] = next.difficulty;
      seconds += input.costs.review[rating - 1]!;
      if (forgot) seconds += steps(card, null, RELEARNING_TRANSITIONS, input.costs.relearning, input.relearningSteps);
      reviews++;
      lastDay[card] = day;
      schedule(card, day + intervalFor(stability[card]!));
    }
    for (let i = 0; i < input.newPerDay && introduced < input.newCards; i++) {
      const card = input.cards.length + introduced++;
      const rating = 1 + draw(input.firstRating, random);
      const first = initialMemory(w, rating);
      stability[card] = first.stability;
      difficulty[card] = first.difficulty;
      seconds += steps(card, rating, LEARNING_TRANSITIONS, input.costs.learning, input.learningSteps);
      studied[card] = 1;
      lastDay[card] = day;
      schedule(card, day + intervalFor(stability[card]!));
    }
  }
  let remembered = 0;
  for (let card = 0; card < count; card++) if (studied[card]) remembered += powerForgettingCurve(w, days - lastDay[card]!, stability[card]!);
  const hours = seconds / 3600;
  return {
    desiredRetention,
    reviewsPerDay: reviews / days,
    newPerDay: introduced / days,
    minutesPerDay: seconds / 60 / days,
    remembered,
    rememberedPerHour: hours > 0 ? remembered / hours : 0,
  };
}

/** 0.70, 0.71, … 0.97: the desired retentions the helper compares. */
export const RETENTION_GRID: readonly number[] = Array.from({ length: 28 }, (_, i) => Math.round((0.7 + i * 0.01) * 100) / 100);

/** The retention that buys the most memory per minute of review (ties: the lower workload). */
export function suggestRetention(outcomes: readonly YearOutcome[]): number {
  let best = outcomes[0]!;
  for (const outcome of outcomes) if (outcome.rememberedPerHour > best.rememberedPerHour) best = outcome;
  return best.desiredRetention;
}
