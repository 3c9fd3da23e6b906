import { describe, expect, it } from "vitest";
import { previewIntervals, restoreBeforeReview, scheduleReview } from "./schedule";
import { DEFAULT_SETTINGS, type Settings } from "./settings";
import { CardState, newCardMemory, RATINGS, type CardMemory, type Rating } from "./types";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const NOW = new Date("2026-05-01T10:00:00.000Z");
const noFuzz: Settings = { ...DEFAULT_SETTINGS, enableFuzz: false };

/** Small deterministic PRNG so every failing sequence can be replayed from its seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function reviewAt(memory: CardMemory, rating: Rating, at: Date, settings = noFuzz) {
  return scheduleReview(memory, rating, at, settings, 1000).next;
}

/** A card in each state, reached by real reviews. */
function cardsInEveryState(): Record<"new" | "learning" | "review" | "relearning", { memory: CardMemory; at: Date }> {
  const fresh = newCardMemory(new Date(NOW.getTime() - 3 * DAY + 123));
  const learning = reviewAt(fresh, 1, NOW);
  const graduated = reviewAt(reviewAt(learning, 3, learning.due), 3, new Date(learning.due.getTime() + 10 * MINUTE));
  const lapsed = reviewAt(graduated, 1, new Date(graduated.due.getTime() + 2 * DAY + 7));
  return {
    new: { memory: fresh, at: NOW },
    learning: { memory: learning, at: new Date(learning.due.getTime() + 30_000) },
    review: { memory: graduated, at: new Date(graduated.due.getTime() + 5 * 3_600_000) },
    relearning: { memory: lapsed, at: new Date(lapsed.due.getTime() + 42) },
  };
}

describe("scheduleReview", () => {
  it("moves a new card rated Good to its second learning step and logs the card as it was", () => {
    const memory = newCardMemory(new Date("2026-04-30T09:00:00.000Z"));
    const { next, log } = scheduleReview(memory, 3, NOW, DEFAULT_SETTINGS, 4200);
    expect(next).toEqual({
      due: new Date("2026-05-01T10:10:00.000Z"),
      stability: next.stability,
      difficulty: next.difficulty,
      elapsedDays: 0,
      scheduledDays: 0,
      learningSteps: 1,
      reps: 1,
      lapses: 0,
      state: CardState.Learning,
      lastReview: NOW,
    });
    expect(next.stability).toBeGreaterThan(0);
    expect(log).toEqual({
      rating: 3,
      state: CardState.New,
      due: new Date("2026-04-30T09:00:00.000Z"),
      stability: 0,
      difficulty: 0,
      elapsedDays: 0,
      lastElapsedDays: 0,
      scheduledDays: 0,
      learningSteps: 0,
      review: NOW,
      durationMs: 4200,
      prevDue: new Date("2026-04-30T09:00:00.000Z"),
      prevReps: 0,
      prevLapses: 0,
      prevLastReview: null,
    });
  });

  it("sends a forgotten review card to relearning and counts the lapse", () => {
    const { review } = cardsInEveryState();
    const { next, log } = scheduleReview(review.memory, 1, review.at, noFuzz, 0);
    expect(next.state).toBe(CardState.Relearning);
    expect(next.lapses).toBe(review.memory.lapses + 1);
    expect(next.due.getTime() - review.at.getTime()).toBe(10 * MINUTE);
    expect(log.state).toBe(CardState.Review);
    // ts-fsrs's log.due is the previous review time, not the previous due: why prevDue exists.
    expect(log.due).toEqual(review.memory.lastReview);
    expect(log.prevDue).toEqual(review.memory.due);
    expect(log.prevDue).not.toEqual(log.due);
  });

  it("never mutates or shares the memory and dates it is given", () => {
    const { review } = cardsInEveryState();
    const snapshot = structuredClone(review.memory);
    const at = new Date(review.at.getTime());
    const { next, log } = scheduleReview(review.memory, 3, at, DEFAULT_SETTINGS, 0, "card-1");
    expect(review.memory).toEqual(snapshot);
    expect(next.lastReview).not.toBe(at);
    expect(log.review).not.toBe(at);
    expect(log.prevDue).not.toBe(review.memory.due);
  });

  it("fuzzes per card deterministically, as previewed", () => {
    const { review } = cardsInEveryState();
    // Fuzz only applies from 2.5 days on: use a card one Good further.
    const memory = reviewAt(review.memory, 3, review.at);
    const at = memory.due;
    const dueFor = (cardId: string) => scheduleReview(memory, 3, at, DEFAULT_SETTINGS, 0, cardId).next.due.getTime();
    const ids = Array.from({ length: 20 }, (_, i) => `card-${i}`);
    for (const id of ids) {
      expect(dueFor(id)).toBe(dueFor(id));
      expect(previewIntervals(memory, at, DEFAULT_SETTINGS, id)[3].due.getTime()).toBe(dueFor(id));
    }
    expect(new Set(ids.map(dueFor)).size).toBeGreaterThan(1);
  });

  it("does not fuzz when the learner turned fuzz off", () => {
    const { review } = cardsInEveryState();
    const memory = reviewAt(review.memory, 3, review.at);
    const dueFor = (cardId: string) => scheduleReview(memory, 3, memory.due, noFuzz, 0, cardId).next.due.getTime();
    const dues = new Set(Array.from({ length: 20 }, (_, i) => dueFor(`card-${i}`)));
    expect(dues.size).toBe(1);
  });

  it("respects the maximum interval", () => {
    const { review } = cardsInEveryState();
    const settings = { ...noFuzz, maximumInterval: 3 };
    const { next } = scheduleReview(review.memory, 4, review.at, settings, 0);
    expect(next.scheduledDays).toBe(3);
    expect(next.due.getTime() - review.at.getTime()).toBe(3 * DAY);
  });
});

describe("previewIntervals", () => {
  it("gives a new card Again < Hard < Good < Easy with default settings", () => {
    const preview = previewIntervals(newCardMemory(NOW), NOW, DEFAULT_SETTINGS, "card-1");
    const dues = RATINGS.map((rating) => preview[rating].due.getTime());
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(new Set(dues).size).toBe(4);
    expect([preview[1].label, preview[2].label, preview[3].label]).toEqual(["1m", "6m", "10m"]);
    expect(preview[1].due).toEqual(new Date("2026-05-01T10:01:00.000Z"));
    expect(preview[4].label).toMatch(/^\d+d$/);
  });

  it("labels what answering would schedule", () => {
    const { review } = cardsInEveryState();
    const preview = previewIntervals(review.memory, review.at, noFuzz);
    for (const rating of RATINGS) {
      expect(preview[rating].due).toEqual(scheduleReview(review.memory, rating, review.at, noFuzz, 0).next.due);
    }
    expect(preview[1].label).toBe("10m");
    expect(preview[4].label).toMatch(/^\d+(\.\d)?(d|mo)$/);
  });
});

describe("restoreBeforeReview", () => {
  const states = cardsInEveryState();

  for (const [name, { memory, at }] of Object.entries(states)) {
    for (const rating of RATINGS) {
      it(`restores a ${name} card exactly after rating ${rating}`, () => {
        const { log } = scheduleReview(memory, rating, at, DEFAULT_SETTINGS, 800, "card-x");
        expect(restoreBeforeReview(log)).toStrictEqual(memory);
      });
    }
  }

  it("restores a card whose due is not its last review plus its interval (ts-fsrs rollback's blind spot)", () => {
    const memory: CardMemory = {
      ...states.review.memory,
      due: new Date(states.review.memory.due.getTime() + 12_345),
    };
    const { log } = scheduleReview(memory, 2, states.review.at, DEFAULT_SETTINGS, 1);
    expect(restoreBeforeReview(log)).toStrictEqual(memory);
  });

  it("restores an imported review card that has no last review", () => {
    const memory: CardMemory = { ...states.review.memory, lastReview: null };
    const { log } = scheduleReview(memory, 3, states.review.at, DEFAULT_SETTINGS, 1);
    expect(restoreBeforeReview(log)).toStrictEqual(memory);
  });

  it("is exact for random review sequences under varied settings", () => {
    const settingsPool: Settings[] = [
      DEFAULT_SETTINGS,
      noFuzz,
      { ...DEFAULT_SETTINGS, learningSteps: "", relearningSteps: "" },
      { ...DEFAULT_SETTINGS, learningSteps: "1m 10m 1h 1d", relearningSteps: "5m 30m", desiredRetention: 0.8 },
      { ...DEFAULT_SETTINGS, desiredRetention: 0.97, maximumInterval: 30 },
    ];
    const seen = new Set<string>();
    let checked = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const random = mulberry32(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
      const settings = pick(settingsPool);
      let memory = newCardMemory(new Date(NOW.getTime() - Math.floor(random() * 30 * DAY)));
      let now = new Date(NOW.getTime() + Math.floor(random() * DAY));
      for (let step = 0; step < 25; step++) {
        const rating = pick(RATINGS);
        const durationMs = Math.floor(random() * 60_000);
        const { next, log } = scheduleReview(memory, rating, now, settings, durationMs, `card-${seed}`);
        expect(restoreBeforeReview(log), `seed ${seed}, step ${step}`).toStrictEqual(memory);
        seen.add(`${memory.state}:${rating}`);
        checked++;
        memory = next;
        // Answer early, on time or late: from half the wait to three times it, plus up to a minute's jitter.
        const wait = Math.max(MINUTE, memory.due.getTime() - now.getTime());
        now = new Date(now.getTime() + Math.floor(wait * (0.5 + random() * 2.5)) + Math.floor(random() * MINUTE));
      }
    }
    expect(checked).toBe(5000);
    // Every state was undone after every rating.
    expect(seen.size).toBe(16);
  });
});
