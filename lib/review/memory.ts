// Conversions between database rows and lib/srs's plain data.
import type { CardMemory, CardState, ReviewLogEntry } from "@/lib/srs/types";

/** A card's memory columns as the database returns them (state as a plain number). */
export type MemoryRow = Omit<CardMemory, "state"> & { state: number };

export function memoryFromRow(row: MemoryRow): CardMemory {
  return {
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsedDays: row.elapsedDays,
    scheduledDays: row.scheduledDays,
    learningSteps: row.learningSteps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state as CardState,
    lastReview: row.lastReview,
  };
}

export function memoryToRow(memory: CardMemory): MemoryRow {
  return { ...memory };
}

/** A log row as Prisma returns it: the study day is a DATE (a Date at UTC midnight). */
type LogRow = Omit<ReviewLogEntry, "rating" | "state" | "studyDay"> & { rating: number | null; state: number; studyDay: Date };

/** A DATE column's value for a study day key (YYYY-MM-DD), as Prisma writes it. */
export function studyDayDate(key: string): Date {
  return new Date(`${key}T00:00:00.000Z`);
}

export function logEntryFromRow(row: LogRow): ReviewLogEntry {
  return {
    rating: (row.rating ?? 1) as ReviewLogEntry["rating"],
    state: row.state as CardState,
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsedDays: row.elapsedDays,
    lastElapsedDays: row.lastElapsedDays,
    scheduledDays: row.scheduledDays,
    learningSteps: row.learningSteps,
    review: row.review,
    studyDay: row.studyDay.toISOString().slice(0, 10),
    durationMs: row.durationMs,
    prevDue: row.prevDue,
    prevReps: row.prevReps,
    prevLapses: row.prevLapses,
    prevLastReview: row.prevLastReview,
  };
}

export function logEntryToRow(entry: ReviewLogEntry) {
  return {
    rating: entry.rating,
    state: entry.state,
    due: entry.due,
    stability: entry.stability,
    difficulty: entry.difficulty,
    elapsedDays: entry.elapsedDays,
    lastElapsedDays: entry.lastElapsedDays,
    scheduledDays: entry.scheduledDays,
    learningSteps: entry.learningSteps,
    review: entry.review,
    studyDay: entry.studyDay,
    durationMs: entry.durationMs,
    prevDue: entry.prevDue,
    prevReps: entry.prevReps,
    prevLapses: entry.prevLapses,
    prevLastReview: entry.prevLastReview,
  };
}
