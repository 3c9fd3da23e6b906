// The desired-retention helper's job: the learner's own collection (studied cards as they stand, new cards at their
// daily limit, their settings and parameters, their own answer times and rating habits when there are enough of them)
// simulated for a year at each desired retention from 70 % to 97 %. The learner sees the workload and the memory of
// each, with the one that buys the most memory per minute of review suggested; they choose.
import type { JobContext } from "@/lib/jobs/runner";
import { queryPrepared } from "@/lib/db/prepared";
import { readReviewSettings } from "@/lib/review/settings";
import { studyDay, studyDaysBetween } from "@/lib/srs/day";
import { sameDayRelearningSteps, stepsInMinutes } from "@/lib/srs/settings";
import { RETENTION_GRID, simulateYear, suggestRetention, type SimulatedCard, type YearInput, type YearOutcome } from "@/lib/srs/simulate";
import { CardState } from "@/lib/srs/types";

export const SIMULATED_DAYS = 365;

export type RetentionResult = {
  days: number;
  /** The learner's desired retention when the simulation ran. */
  current: number;
  suggested: number;
  outcomes: YearOutcome[];
  studied: number;
  newCards: number;
  /** Whether the learner's own answer times and ratings were used (else fsrs-rs's averages over many learners). */
  ownTimes: boolean;
  ownRatings: boolean;
  seeds: number;
};

// fsrs-rs's defaults, from many learners' Anki collections (seconds; ratings Again, Hard, Good, Easy).
const DEFAULT_COSTS = {
  learning: [19.58, 18.79, 13.78, 10.71],
  review: [19.38, 17.59, 12.38, 8.94],
  relearning: [16.44, 15.25, 12.32, 8.03],
} as const;
const DEFAULT_FIRST_RATING = [0.24, 0.094, 0.495, 0.171] as const;
const DEFAULT_RECALL_RATING = [0.224, 0.631, 0.145] as const;
/** Answers needed before a learner's own figure replaces the default one. */
const ENOUGH = 20;

type Phase = "learning" | "review" | "relearning";

/** Median answer time (capped at 2 minutes: a card left on screen is not study time) and counts, per phase and rating. */
async function answerHabits(context: JobContext, userId: string) {
  const rows = await queryPrepared<{ phase: Phase; rating: number; answers: number; seconds: number }>(
    context.db,
    "memory-model-answer-habits",
    `SELECT CASE WHEN state IN (0, 1) THEN 'learning' WHEN state = 2 THEN 'review' ELSE 'relearning' END AS phase, rating,
       count(*)::int AS answers, (percentile_cont(0.5) WITHIN GROUP (ORDER BY least("durationMs", 120000)) / 1000)::float8 AS seconds
     FROM "ReviewLog" WHERE "userId" = $1 AND kind = 'RATING'::"ReviewKind" GROUP BY 1, 2`,
    [userId],
  );
  const firstRows = await queryPrepared<{ rating: number; answers: number }>(
    context.db,
    "memory-model-first-ratings",
    `SELECT rating, count(*)::int AS answers FROM "ReviewLog"
     WHERE "userId" = $1 AND kind = 'RATING'::"ReviewKind" AND state = 0 GROUP BY rating`,
    [userId],
  );
  const cell = (phase: Phase, rating: number) => rows.find((row) => row.phase === phase && row.rating === rating);
  let ownTimes = true;
  const costs = Object.fromEntries(
    (["learning", "review", "relearning"] as const).map((phase) => [
      phase,
      DEFAULT_COSTS[phase].map((fallback, i) => {
        const row = cell(phase, i + 1);
        if (row && row.answers >= ENOUGH && row.seconds > 0) return row.seconds;
        ownTimes = false;
        return fallback;
      }),
    ]),
  ) as unknown as YearInput["costs"];
  const firstCounts = [1, 2, 3, 4].map((rating) => firstRows.find((row) => row.rating === rating)?.answers ?? 0);
  const recallCounts = [2, 3, 4].map((rating) => cell("review", rating)?.answers ?? 0);
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const ownFirst = sum(firstCounts) >= 5 * ENOUGH;
  const ownRecall = sum(recallCounts) >= 5 * ENOUGH;
  return {
    costs,
    ownTimes,
    firstRating: (ownFirst ? firstCounts : DEFAULT_FIRST_RATING) as unknown as YearInput["firstRating"],
    recallRating: (ownRecall ? recallCounts : DEFAULT_RECALL_RATING) as unknown as YearInput["recallRating"],
    ownRatings: ownFirst && ownRecall,
  };
}

export async function runRetentionSimulation(payload: { userId: string }, context: JobContext): Promise<RetentionResult> {
  const { db } = context;
  const { userId } = payload;
  context.progress(0, RETENTION_GRID.length, "Reading your collection");
  const { settings } = await readReviewSettings(db, userId);
  const { timeZone, rolloverHour } = settings;
  const today = studyDay(new Date(), timeZone, rolloverHour);
  // The learner's active cards, as the review queue counts them: not suspended, of live notes (the cards they make
  // now) in decks they study.
  const rows = await queryPrepared<{ state: number; stability: number; difficulty: number; due: Date; lastReview: Date | null }>(
    db,
    "memory-model-collection",
    `SELECT c.state, c.stability, c.difficulty, c.due, c."lastReview"
     FROM "Card" c JOIN "Note" n ON n.id = c."noteId" AND n."retiredAt" IS NULL AND c.ordinal = ANY(n.ordinals)
       JOIN "Deck" d ON d.id = n."deckId" AND d."retiredAt" IS NULL
       JOIN "DeckStudy" s ON s."deckId" = d.id AND s."userId" = c."userId"
     WHERE c."userId" = $1 AND NOT c.suspended`,
    [userId],
  );
  const cards: SimulatedCard[] = [];
  let newCards = 0;
  for (const row of rows) {
    if (row.state === CardState.New || row.lastReview === null || row.stability <= 0) {
      newCards++;
      continue;
    }
    const lastDay = Math.min(0, studyDaysBetween(today.key, studyDay(row.lastReview, timeZone, rolloverHour).key));
    // A card in (re)learning is due today; a review card on its due day (overdue ones today).
    const dueDay = row.state === CardState.Review ? studyDaysBetween(today.key, studyDay(row.due, timeZone, rolloverHour).key) : 0;
    cards.push({ stability: row.stability, difficulty: row.difficulty, lastDay, dueDay: Math.max(0, dueDay) });
  }
  const habits = await answerHabits(context, userId);
  const sameDayLearningSteps = stepsInMinutes(settings.learningSteps).filter((minutes) => minutes < 1440).length;
  const input: Omit<YearInput, "seed"> = {
    parameters: settings.fsrsParameters,
    cards,
    newCards,
    newPerDay: settings.newPerDay,
    maxReviewsPerDay: settings.maxReviewsPerDay,
    maximumInterval: settings.maximumInterval,
    learningSteps: sameDayLearningSteps,
    relearningSteps: sameDayRelearningSteps(settings),
    costs: habits.costs,
    firstRating: habits.firstRating,
    recallRating: habits.recallRating,
    days: SIMULATED_DAYS,
  };
  // Small collections are noisy: average several seeded runs (about 20,000 simulated cards per retention in all).
  const seeds = Math.min(16, Math.max(1, Math.round(20_000 / Math.max(1, cards.length + newCards))));
  const outcomes: YearOutcome[] = [];
  for (const [i, retention] of RETENTION_GRID.entries()) {
    if (context.signal.aborted) throw new Error("Stopped");
    const runs = Array.from({ length: seeds }, (_, seed) => simulateYear({ ...input, seed: seed + 1 }, retention));
    const mean = (pick: (outcome: YearOutcome) => number) => runs.reduce((sum, run) => sum + pick(run), 0) / runs.length;
    outcomes.push({
      desiredRetention: retention,
      reviewsPerDay: mean((o) => o.reviewsPerDay),
      newPerDay: mean((o) => o.newPerDay),
      minutesPerDay: mean((o) => o.minutesPerDay),
      remembered: mean((o) => o.remembered),
      rememberedPerHour: mean((o) => o.remembered) / Math.max(1e-9, (mean((o) => o.minutesPerDay) * SIMULATED_DAYS) / 60),
    });
    context.progress(i + 1, RETENTION_GRID.length, `Simulating a year at ${Math.round(retention * 100)} %`);
    // Let the worker's heartbeat and progress writes through between runs.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return {
    days: SIMULATED_DAYS,
    current: settings.desiredRetention,
    suggested: suggestRetention(outcomes),
    outcomes,
    studied: cards.length,
    newCards,
    ownTimes: habits.ownTimes,
    ownRatings: habits.ownRatings,
    seeds,
  };
}
