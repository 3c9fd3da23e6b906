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

type LogRow = Omit<ReviewLogEntry, "rating" | "state"> & { rating: number | null; state: number };

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
    durationMs: entry.durationMs,
    prevDue: entry.prevDue,
    prevReps: entry.prevReps,
    prevLapses: entry.prevLapses,
    prevLastReview: entry.prevLastReview,
  };
}
