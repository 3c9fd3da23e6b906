// (Re)learning steps as Anki applies them (rslib/src/scheduler/states/steps.rs), on the index of the current step
// that ts-fsrs stores (`learningSteps`) rather than Anki's count of remaining steps.

const DAY_SECONDS = 86_400;

/** Where an answer sends a card that stays in (re)learning: the step it is on next and how long until it is due. */
export interface StepDelay {
  step: number;
  seconds: number;
}

/** What each answer does to a card on `current` of `steps` (lengths in minutes); null means it leaves learning. */
export interface StepDelays {
  again: StepDelay | null;
  hard: StepDelay | null;
  good: StepDelay | null;
}

/** Past a day, a delay is rounded to whole days, so answering early or late in the day gives the same day. */
function roundToDaysPastOneDay(seconds: number): number {
  return seconds > DAY_SECONDS ? Math.round(seconds / DAY_SECONDS) * DAY_SECONDS : seconds;
}

/**
 * Again goes back to the first step; Hard repeats the current step (on the first step: the average of the first two,
 * or 1.5 times a single step but at most a day more); Good moves to the next step. A card whose steps were shortened
 * under it counts as on the last step, so it is never graduated by Again. With no steps at all, every answer
 * leaves learning.
 */
export function stepDelays(steps: readonly number[], current: number): StepDelays {
  if (steps.length === 0) return { again: null, hard: null, good: null };
  const seconds = steps.map((minutes) => Math.round(minutes * 60));
  const index = Math.min(Math.max(0, current), seconds.length - 1);
  const first = seconds[0]!;
  const second = seconds[1];
  const hardOnFirst =
    second === undefined ? Math.min(Math.floor((first * 3) / 2), first + DAY_SECONDS) : Math.floor((first + second) / 2);
  const next = seconds[index + 1];
  return {
    again: { step: 0, seconds: first },
    hard: { step: index, seconds: index === 0 ? roundToDaysPastOneDay(hardOnFirst) : seconds[index]! },
    good: next === undefined ? null : { step: index + 1, seconds: next },
  };
}
