// A simulated learner for tests, the e2e seed and the optimizer's benchmark: their memory follows FSRS-6 with
// parameters of their own (not the defaults), and Latent schedules their cards with its real scheduler
// (`scheduleReview`: Anki's steps, study days, fuzz), so the review log has exactly the rows the app writes.
// Seeded: the same options give the same history.
import { studyDay, studyDayAfter, studyDaysBetween, type StudyDay } from "@/lib/srs/day";
import { initialMemory, modelWeights, nextMemory, powerForgettingCurve, type MemoryState } from "@/lib/srs/fsrs-model";
import { seededRandom } from "@/lib/srs/random";
import { scheduleReview } from "@/lib/srs/schedule";
import type { Settings } from "@/lib/srs/settings";
import { newCardMemory, type CardMemory, type Rating, type ReviewLogEntry } from "@/lib/srs/types";

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Parameters of memories unlike FSRS's defaults (initial stabilities, decay, forgetting), for simulated learners. */
export const SIMULATED_MEMORIES: readonly (readonly number[])[] = [
  // Remembers first reviews far longer than the defaults assume, and forgets slowly.
  [0.9, 3.5, 9.0, 25.0, 6.0, 0.6, 2.4, 0.01, 1.6, 0.1, 1.1, 1.7, 0.06, 0.3, 1.6, 0.5, 2.0, 0.6, 0.1, 0.05, 0.3],
  // Forgets fast after a first review and lapses hard.
  [0.1, 0.5, 1.0, 3.0, 7.0, 0.9, 3.5, 0.01, 1.4, 0.2, 0.7, 1.2, 0.08, 0.2, 1.9, 0.6, 1.8, 0.4, 0.1, 0.06, 0.2],
  // A steep forgetting curve (decay 0.5, as in FSRS-5) with mid-range stabilities.
  [0.4, 1.2, 4.0, 10.0, 5.5, 0.7, 2.8, 0.02, 1.9, 0.15, 0.9, 1.5, 0.05, 0.3, 1.5, 0.5, 2.2, 0.5, 0.1, 0.05, 0.5],
];

export type SimulatedLearnerOptions = {
  /** The learner's true memory: FSRS-6 parameters. */
  memory: readonly number[];
  /** How Latent schedules them (their settings, their FSRS parameters). */
  settings: Settings;
  /** Their cards, introduced in this order. */
  cardIds: readonly string[];
  /** Study days of history, the last one ending before `end`. */
  days: number;
  end: Date;
  seed: number;
  /** New cards introduced per day (the settings' limit by default). */
  newPerDay?: number;
  /** The local hour they start studying each day (19:00 by default). */
  sessionHour?: number;
};

export type SimulatedAnswer = { cardId: string; log: ReviewLogEntry; cardVersion: number };
export type SimulatedHistory = {
  answers: SimulatedAnswer[];
  /** Each studied card's memory and version after the last answer. */
  cards: Map<string, { memory: CardMemory; version: number }>;
};

type SimulatedCard = {
  id: string;
  memory: CardMemory;
  version: number;
  truth: MemoryState | null;
  lastAt: number;
  lastDay: string;
};

export function simulateLearner(options: SimulatedLearnerOptions): SimulatedHistory {
  const { settings, days, end, seed } = options;
  const { timeZone, rolloverHour } = settings;
  const w = modelWeights(options.memory);
  const random = seededRandom(seed);
  const newPerDay = options.newPerDay ?? settings.newPerDay;
  const sessionOffset = (((options.sessionHour ?? 19) - rolloverHour + 24) % 24) * 60 * MINUTE_MS;
  const firstDay = studyDayAfter(studyDay(end, timeZone, rolloverHour), -days, timeZone, rolloverHour);
  const cards = options.cardIds.map((id): SimulatedCard => ({ id, memory: newCardMemory(firstDay.start), version: 0, truth: null, lastAt: 0, lastDay: "" }));
  const answers: SimulatedAnswer[] = [];
  let introduced = 0;

  const rate = (card: SimulatedCard, at: number, day: StudyDay): Rating => {
    if (card.truth === null) {
      const u = random();
      return u < 0.2 ? 1 : u < 0.3 ? 2 : u < 0.9 ? 3 : 4;
    }
    const deltaT = studyDaysBetween(card.lastDay, day.key);
    const recall = powerForgettingCurve(w, deltaT > 0 ? deltaT : (at - card.lastAt) / DAY_MS, card.truth.stability);
    if (random() >= recall) return 1;
    const u = random();
    return u < 0.15 ? 2 : u < 0.9 ? 3 : 4;
  };

  for (let d = 0; d < days; d++) {
    const day = studyDayAfter(firstDay, d, timeZone, rolloverHour);
    const start = day.start.getTime() + sessionOffset + Math.floor(random() * 30 * MINUTE_MS);
    if (start >= end.getTime()) break;
    const waiting: Array<{ card: SimulatedCard; due: number }> = cards
      .filter((card) => card.truth !== null && card.memory.due.getTime() <= start)
      .map((card) => ({ card, due: card.memory.due.getTime() }));
    for (let i = 0; i < newPerDay && introduced < cards.length; i++) waiting.push({ card: cards[introduced++]!, due: start + i });
    let now = start;
    while (waiting.length > 0 && now < end.getTime()) {
      waiting.sort((a, b) => a.due - b.due);
      const next = waiting[0]!;
      // The learner waits at most an hour for a learning step; later ones are for another session.
      if (next.due > now + 60 * MINUTE_MS) break;
      now = Math.max(now, next.due);
      if (now >= end.getTime()) break;
      waiting.shift();
      const { card } = next;
      const rating = rate(card, now, day);
      const deltaT = card.truth === null ? 0 : studyDaysBetween(card.lastDay, day.key);
      card.truth = card.truth === null ? initialMemory(w, rating) : nextMemory(w, card.truth, deltaT, rating);
      const durationMs = 3000 + Math.floor(random() * 12_000);
      const scheduled = scheduleReview(card.memory, rating, new Date(now), settings, durationMs, card.id);
      card.memory = scheduled.next;
      card.version += 1;
      card.lastAt = now;
      card.lastDay = day.key;
      answers.push({ cardId: card.id, log: scheduled.log, cardVersion: card.version });
      now += durationMs;
      if (card.memory.due.getTime() < day.end.getTime()) waiting.push({ card, due: card.memory.due.getTime() });
    }
  }
  const studied = new Map<string, { memory: CardMemory; version: number }>();
  for (const card of cards) if (card.version > 0) studied.set(card.id, { memory: card.memory, version: card.version });
  return { answers, cards: studied };
}

/** Anything that runs a parameterized query: a `pg` Pool or Client. */
export type Queryable = { query(text: string, values?: unknown[]): Promise<unknown> };

/** Timestamps as Prisma stores them: UTC wall time in a `timestamp` column. */
const wall = (date: Date | null) => (date ? date.toISOString().replace("Z", "") : null);

/**
 * Writes a simulated history as the app would have: one RATING row per answer (with its study day and what undo
 * needs) and each card's memory after its last answer. The cards must exist and belong to `userId`.
 */
export async function writeSimulatedHistory(db: Queryable, userId: string, history: SimulatedHistory): Promise<void> {
  for (let i = 0; i < history.answers.length; i += 5000) {
    const chunk = history.answers.slice(i, i + 5000);
    const column = <T>(pick: (answer: SimulatedAnswer) => T) => chunk.map(pick);
    await db.query(
      `INSERT INTO "ReviewLog" (id, "cardId", "userId", kind, rating, state, due, stability, difficulty, "elapsedDays",
         "lastElapsedDays", "scheduledDays", "learningSteps", review, "studyDay", "durationMs", "prevDue", "prevReps",
         "prevLapses", "prevLastReview", "prevLeech", "cardVersion")
       SELECT gen_random_uuid()::text, t."cardId", $1, 'RATING'::"ReviewKind", t.rating, t.state, t.due, t.stability,
         t.difficulty, t.elapsed, t."lastElapsed", t.scheduled, t.steps, t.review, t."studyDay", t.duration, t."prevDue",
         t."prevReps", t."prevLapses", t."prevLastReview", false, t.version
       FROM unnest($2::text[], $3::int[], $4::int[], $5::timestamp(3)[], $6::float8[], $7::float8[], $8::int[], $9::int[],
         $10::int[], $11::int[], $12::timestamp(3)[], $13::date[], $14::int[], $15::timestamp(3)[], $16::int[], $17::int[],
         $18::timestamp(3)[], $19::int[])
         AS t("cardId", rating, state, due, stability, difficulty, elapsed, "lastElapsed", scheduled, steps, review,
           "studyDay", duration, "prevDue", "prevReps", "prevLapses", "prevLastReview", version)`,
      [
        userId,
        column((a) => a.cardId),
        column((a) => a.log.rating),
        column((a) => a.log.state),
        column((a) => wall(a.log.due)),
        column((a) => a.log.stability),
        column((a) => a.log.difficulty),
        column((a) => a.log.elapsedDays),
        column((a) => a.log.lastElapsedDays),
        column((a) => a.log.scheduledDays),
        column((a) => a.log.learningSteps),
        column((a) => wall(a.log.review)),
        column((a) => a.log.studyDay),
        column((a) => a.log.durationMs),
        column((a) => wall(a.log.prevDue)),
        column((a) => a.log.prevReps),
        column((a) => a.log.prevLapses),
        column((a) => wall(a.log.prevLastReview)),
        column((a) => a.cardVersion),
      ],
    );
  }
  const cards = [...history.cards.entries()];
  for (let i = 0; i < cards.length; i += 5000) {
    const chunk = cards.slice(i, i + 5000);
    const column = <T>(pick: (card: { memory: CardMemory; version: number }) => T) => chunk.map(([, card]) => pick(card));
    await db.query(
      `UPDATE "Card" c SET due = t.due, stability = t.stability, difficulty = t.difficulty, "elapsedDays" = t.elapsed,
         "scheduledDays" = t.scheduled, "learningSteps" = t.steps, reps = t.reps, lapses = t.lapses, state = t.state,
         "lastReview" = t."lastReview", version = t.version, "updatedAt" = now()
       FROM unnest($2::text[], $3::timestamp(3)[], $4::float8[], $5::float8[], $6::int[], $7::int[], $8::int[], $9::int[],
         $10::int[], $11::int[], $12::timestamp(3)[], $13::int[])
         AS t(id, due, stability, difficulty, elapsed, scheduled, steps, reps, lapses, state, "lastReview", version)
       WHERE c.id = t.id AND c."userId" = $1`,
      [
        userId,
        chunk.map(([id]) => id),
        column((c) => wall(c.memory.due)),
        column((c) => c.memory.stability),
        column((c) => c.memory.difficulty),
        column((c) => c.memory.elapsedDays),
        column((c) => c.memory.scheduledDays),
        column((c) => c.memory.learningSteps),
        column((c) => c.memory.reps),
        column((c) => c.memory.lapses),
        column((c) => c.memory.state),
        column((c) => wall(c.memory.lastReview)),
        column((c) => c.version),
      ],
    );
  }
}
