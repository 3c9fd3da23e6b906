import { forgetting_curve } from "ts-fsrs";
import { toFsrsParams, type Settings } from "./settings";
import { CardState, type CardMemory } from "./types";

const DAY_MS = 86_400_000;

/**
 * The probability of recalling the card at `now`, from FSRS's forgetting curve (ts-fsrs) with the time since its last
 * review to the second; null for a card that has no memory yet.
 */
export function retrievability(memory: CardMemory, now: Date, settings: Settings): number | null {
  if (memory.state === CardState.New || memory.lastReview === null || memory.stability <= 0) return null;
  return forgettingCurve(Math.max(0, (now.getTime() - memory.lastReview.getTime()) / DAY_MS), memory.stability, settings);
}

/** FSRS's probability of recall `days` after a review that left the card at `stability`. */
export function forgettingCurve(days: number, stability: number, settings: Settings): number {
  return forgetting_curve(toFsrsParams(settings).w, days, stability);
}
