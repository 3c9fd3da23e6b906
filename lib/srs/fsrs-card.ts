import type { Card } from "ts-fsrs";
import type { CardMemory, CardState } from "./types";

/** Our stored memory → ts-fsrs's card. Dates are copied so ts-fsrs never shares an object with the caller. */
export function toFsrsCard(memory: CardMemory): Card {
  return {
    due: new Date(memory.due.getTime()),
    stability: memory.stability,
    difficulty: memory.difficulty,
    elapsed_days: memory.elapsedDays,
    scheduled_days: memory.scheduledDays,
    learning_steps: memory.learningSteps,
    reps: memory.reps,
    lapses: memory.lapses,
    state: memory.state,
    last_review: memory.lastReview ? new Date(memory.lastReview.getTime()) : undefined,
  };
}

/** ts-fsrs's card → our stored memory, keeping only the fields we store. */
export function fromFsrsCard(card: Card): CardMemory {
  return {
    due: new Date(card.due.getTime()),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    // Same numbering by construction (types.test.ts checks it against ts-fsrs's State).
    state: card.state as number as CardState,
    lastReview: card.last_review ? new Date(card.last_review.getTime()) : null,
  };
}
