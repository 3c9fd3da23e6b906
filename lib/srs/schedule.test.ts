import { describe, expect, it } from "vitest";
import { studyDay } from "./day";
import { formatInterval } from "./interval-label";
import { seededRandom } from "./random";
import { previewIntervals, restoreBeforeReview, scheduleReview } from "./schedule";
import { DEFAULT_SETTINGS, type Settings } from "./settings";
import { CardState, newCardMemory, RATINGS, type CardMemory, type Rating } from "./types";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const NOW = new Date("2026-05-01T10:00:00.000Z");
const noFuzz: Settings = { ...DEFAULT_SETTINGS, enableFuzz: false };

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
      studyDay: "2026-05-01",
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
    // Due at the start of the study day three days on (UTC, rollover 04:00).
    const answeredOn = studyDay(review.at, "UTC", 4);
    expect(next.due).toEqual(new Date(answeredOn.start.getTime() + 3 * DAY));
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
      const random = seededRandom(seed);
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

// ——— Study days: elapsed days, due days and labels follow the learner's day, not the UTC date ———

const HOUR = 60 * MINUTE;

describe("scheduleReview on study days", () => {
  const newYork: Settings = { ...noFuzz, timeZone: "America/New_York", rolloverHour: 4 };

  /** A new card answered Good, then Good again at its second step. */
  function goodThenGood(first: string, second: string, settings: Settings) {
    const fresh = newCardMemory(new Date("2026-01-10T12:00:00Z"));
    const once = scheduleReview(fresh, 3, new Date(first), settings, 0, "card-ny");
    return scheduleReview(once.next, 3, new Date(second), settings, 0, "card-ny");
  }

  it("counts 18:55 and 19:05 in New York as one study day, as 17:00 and 17:10 are", () => {
    // 18:55 EST is 23:55 UTC and 19:05 EST is 00:05 UTC the next day: one study day, two UTC dates.
    const late = goodThenGood("2026-01-15T23:55:00Z", "2026-01-16T00:05:00Z", newYork);
    const early = goodThenGood("2026-01-15T22:00:00Z", "2026-01-15T22:10:00Z", newYork);
    expect(late.log.elapsedDays).toBe(0);
    expect(early.log.elapsedDays).toBe(0);
    expect(late.next.state).toBe(CardState.Review);
    expect(late.next.scheduledDays).toBe(early.next.scheduledDays);
    expect(late.next.stability).toBe(early.next.stability);
  });

  it("counts a review at 03:30 local as the previous study day (rollover 4)", () => {
    // Tokyo: answered at 10:00 on 1 June, then at 03:30 on 2 June (still the study day of 1 June).
    const tokyo: Settings = { ...noFuzz, timeZone: "Asia/Tokyo", rolloverHour: 4 };
    const fresh = newCardMemory(new Date("2026-05-01T00:00:00Z"));
    const first = scheduleReview(fresh, 3, new Date("2026-06-01T01:00:00Z"), tokyo, 0, "c");
    const second = scheduleReview(first.next, 3, new Date("2026-06-01T18:30:00Z"), tokyo, 0, "c");
    expect(second.log.elapsedDays).toBe(0);
    const third = scheduleReview(second.next, 3, new Date("2026-06-01T19:30:00Z"), tokyo, 0, "c");
    expect(third.log.elapsedDays).toBe(1);
  });

  it.each([
    ["America/New_York", "2026-10-31T08:30:00Z", "2026-11-01"], // 04:30 EDT; the day ends at 04:00 EST (25 hours)
    ["Europe/Berlin", "2026-10-24T02:30:00Z", "2026-10-25"], // 04:30 CEST; the day ends at 04:00 CET
  ])("makes a 1-day interval answered at 04:30 on the day clocks go back (%s) due the next study day", (timeZone, at, nextDay) => {
    const settings: Settings = { ...noFuzz, timeZone, rolloverHour: 4, maximumInterval: 1 };
    const review: CardMemory = {
      ...newCardMemory(new Date("2026-09-01T00:00:00Z")),
      state: CardState.Review,
      stability: 3,
      difficulty: 5,
      reps: 4,
      scheduledDays: 3,
      due: new Date(new Date(at).getTime() - 2 * HOUR),
      lastReview: new Date(new Date(at).getTime() - 3 * DAY),
    };
    for (const rating of [2, 3, 4] as const) {
      const { next } = scheduleReview(review, rating, new Date(at), settings, 0, "dst");
      expect(next.scheduledDays, `rating ${rating}`).toBe(1);
      expect(studyDay(next.due, timeZone, 4).key, `rating ${rating}`).toBe(nextDay);
      // Due at the start of that study day, so it is due all day.
      expect(next.due, `rating ${rating}`).toEqual(studyDay(next.due, timeZone, 4).start);
    }
  });
});

describe("labels equal outcomes", () => {
  const zones = [
    "UTC",
    "America/New_York",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Europe/Berlin",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Pacific/Chatham",
  ];

  /** The label of what answering did: the interval in days, or the time until a learning step. */
  function outcomeLabel(next: CardMemory, answeredAt: Date): string {
    return next.scheduledDays > 0 ? formatInterval(next.scheduledDays * DAY) : formatInterval(next.due.getTime() - answeredAt.getTime());
  }

  it("0 of 1,200 buttons shown before a UTC midnight and answered after it differ from their label", () => {
    const random = seededRandom(2026);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    let buttons = 0;
    const differing: string[] = [];
    while (buttons < 1200) {
      const timeZone = pick(zones);
      const rolloverHour = Math.floor(random() * 24);
      const settings: Settings = { ...DEFAULT_SETTINGS, timeZone, rolloverHour, learningSteps: "1m 10m", relearningSteps: "10m" };
      const midnight = Date.UTC(2026, 0, 1) + Math.floor(random() * 365) * DAY;
      const shownAt = new Date(midnight - 1 - Math.floor(random() * 20 * MINUTE));
      const answeredAt = new Date(midnight + Math.floor(random() * 20 * MINUTE));
      // Only while the learner's study day does not change (not even during a step): then the label must hold.
      if (studyDay(shownAt, timeZone, rolloverHour).key !== studyDay(new Date(answeredAt.getTime() + HOUR), timeZone, rolloverHour).key) continue;
      const state = pick([CardState.Review, CardState.Review, CardState.Review, CardState.Relearning, CardState.Learning]);
      const lastReview = new Date(midnight - (1 + Math.floor(random() * 40)) * DAY - Math.floor(random() * DAY));
      const stability = 0.5 + random() * 60;
      const memory: CardMemory = {
        due: new Date(lastReview.getTime() + Math.max(1, Math.round(stability)) * DAY),
        stability,
        difficulty: 1 + random() * 9,
        elapsedDays: 0,
        scheduledDays: state === CardState.Review ? Math.max(1, Math.round(stability)) : 0,
        learningSteps: 0,
        reps: 3 + Math.floor(random() * 10),
        lapses: Math.floor(random() * 3),
        state,
        lastReview,
      };
      const cardId = `card-${buttons}`;
      const labels = previewIntervals(memory, shownAt, settings, cardId);
      for (const rating of RATINGS) {
        const { next } = scheduleReview(memory, rating, answeredAt, settings, 0, cardId);
        const outcome = outcomeLabel(next, answeredAt);
        if (labels[rating].label !== outcome) {
          differing.push(`${timeZone} r${rolloverHour} ${shownAt.toISOString()}→${answeredAt.toISOString()} state ${state} rating ${rating}: ${labels[rating].label} vs ${outcome}`);
        }
        buttons++;
      }
    }
    expect(differing.length, differing.slice(0, 3).join("\n")).toBe(0);
  });
});

// ——— A learner's own FSRS parameters ———

describe("scheduling with a learner's fitted parameters", () => {
  const fitted = [0.4453, 1.8548, 5.1757, 12.6687, 6.2458, 0.6602, 3.1722, 0.0207, 1.9464, 0.2266, 0.9285, 1.5303, 0.0483, 0.3355, 1.6713, 0.6033, 2.1008, 0.5443, 0.1426, 0.0453, 0.101];
  const mine: Settings = { ...DEFAULT_SETTINGS, fsrsParameters: fitted };

  it("changes what the buttons say: a new card's Easy is its fitted initial stability (w3), not the default's", () => {
    const fresh = newCardMemory(NOW);
    expect(previewIntervals(fresh, NOW, { ...DEFAULT_SETTINGS, enableFuzz: false })[4].label).toBe("8d");
    expect(previewIntervals(fresh, NOW, { ...mine, enableFuzz: false })[4].label).toBe("13d");
  });

  it("labels equal outcomes with fitted parameters too, and differ from the defaults' for review cards", () => {
    const random = seededRandom(14);
    let differ = 0;
    for (let i = 0; i < 300; i++) {
      const lastReview = new Date(NOW.getTime() - (1 + Math.floor(random() * 30)) * DAY);
      const stability = 1 + random() * 40;
      const memory: CardMemory = {
        due: new Date(lastReview.getTime() + Math.round(stability) * DAY),
        stability,
        difficulty: 1 + random() * 9,
        elapsedDays: 3,
        scheduledDays: Math.round(stability),
        learningSteps: 0,
        reps: 4,
        lapses: 0,
        state: CardState.Review,
        lastReview,
      };
      const shown = previewIntervals(memory, NOW, mine, `card-${i}`);
      for (const rating of RATINGS) {
        const { next, label } = scheduleReview(memory, rating, NOW, mine, 0, `card-${i}`);
        expect(label).toBe(shown[rating].label);
        expect(next.due).toEqual(shown[rating].due);
      }
      if (previewIntervals(memory, NOW, DEFAULT_SETTINGS, `card-${i}`)[3].label !== shown[3].label) differ++;
    }
    expect(differ).toBeGreaterThan(150);
  });
});

// ——— Learning steps as Anki has them ———

describe("learning steps", () => {
  const steps = (learningSteps: string, relearningSteps = "10m"): Settings => ({ ...noFuzz, learningSteps, relearningSteps });

  it("keeps a card on a 1d step in learning, due at the start of the next study day, and Again is no lapse", () => {
    const settings = steps("10m 1d");
    const fresh = newCardMemory(new Date("2026-04-30T00:00:00Z"));
    const onDayStep = scheduleReview(fresh, 3, NOW, settings, 0, "c").next;
    expect(onDayStep.state).toBe(CardState.Learning);
    expect(onDayStep.learningSteps).toBe(1);
    expect(onDayStep.due).toEqual(new Date("2026-05-02T04:00:00.000Z")); // UTC, rollover 04:00
    expect(previewIntervals(fresh, NOW, settings, "c")[3].label).toBe("1d");

    const again = scheduleReview(onDayStep, 1, new Date("2026-05-02T09:00:00Z"), settings, 0, "c");
    expect(again.log.state).toBe(CardState.Learning);
    expect(again.log.elapsedDays).toBe(1);
    expect(again.next).toMatchObject({ state: CardState.Learning, lapses: 0, learningSteps: 0 });
    expect(again.next.due).toEqual(new Date("2026-05-02T09:10:00Z"));

    const good = scheduleReview(onDayStep, 3, new Date("2026-05-02T09:00:00Z"), settings, 0, "c");
    expect(good.next.state).toBe(CardState.Review);
    expect(good.next.lapses).toBe(0);
  });

  it("repeats the current step on Hard after the first step (1m 10m 1h: Hard on 10m is 10m)", () => {
    const settings = steps("1m 10m 1h");
    const fresh = newCardMemory(NOW);
    const second = scheduleReview(fresh, 3, NOW, settings, 0, "c").next;
    expect(second.learningSteps).toBe(1);
    const at = second.due;
    const hard = scheduleReview(second, 2, at, settings, 0, "c").next;
    expect(hard.learningSteps).toBe(1);
    expect(hard.due.getTime() - at.getTime()).toBe(10 * MINUTE);
    expect(previewIntervals(second, at, settings, "c")[2].label).toBe("10m");

    const third = scheduleReview(second, 3, at, settings, 0, "c").next;
    const hardOnLast = scheduleReview(third, 2, third.due, settings, 0, "c").next;
    expect(hardOnLast.due.getTime() - third.due.getTime()).toBe(HOUR);
  });

  it("on the first step, Hard is the average of the first two steps, or 1.5x a single step", () => {
    const first = scheduleReview(newCardMemory(NOW), 2, NOW, steps("1m 10m"), 0, "c").next;
    expect(first.due.getTime() - NOW.getTime()).toBe(5.5 * MINUTE);
    expect(first.learningSteps).toBe(0);
    const single = scheduleReview(newCardMemory(NOW), 2, NOW, steps("10m"), 0, "c").next;
    expect(single.due.getTime() - NOW.getTime()).toBe(15 * MINUTE);
  });

  it("does not graduate a card on Again when its steps were shortened under it", () => {
    const long = steps("1m 10m 1h");
    let card = scheduleReview(newCardMemory(NOW), 3, NOW, long, 0, "c").next;
    card = scheduleReview(card, 3, card.due, long, 0, "c").next;
    expect(card.learningSteps).toBe(2);
    const short = steps("1m 10m");
    const again = scheduleReview(card, 1, card.due, short, 0, "c").next;
    expect(again).toMatchObject({ state: CardState.Learning, learningSteps: 0, lapses: 0 });
    expect(again.due.getTime() - card.due.getTime()).toBe(MINUTE);
    // Hard repeats the (now) last step; Good graduates from it.
    const hard = scheduleReview(card, 2, card.due, short, 0, "c").next;
    expect(hard).toMatchObject({ state: CardState.Learning, learningSteps: 1 });
    expect(hard.due.getTime() - card.due.getTime()).toBe(10 * MINUTE);
    expect(scheduleReview(card, 3, card.due, short, 0, "c").next.state).toBe(CardState.Review);
  });

  it("does the same for relearning steps", () => {
    const { review } = cardsInEveryState();
    const settings = steps("1m 10m", "5m 30m 2h");
    let card = scheduleReview(review.memory, 1, review.at, settings, 0, "c").next;
    expect(card).toMatchObject({ state: CardState.Relearning, learningSteps: 0 });
    card = scheduleReview(card, 3, card.due, settings, 0, "c").next;
    expect(card.learningSteps).toBe(1);
    const hard = scheduleReview(card, 2, card.due, settings, 0, "c").next;
    expect(hard.due.getTime() - card.due.getTime()).toBe(30 * MINUTE);
    card = scheduleReview(card, 3, card.due, settings, 0, "c").next;
    const shortened = scheduleReview(card, 1, card.due, steps("1m 10m", "5m"), 0, "c").next;
    expect(shortened).toMatchObject({ state: CardState.Relearning, learningSteps: 0, lapses: review.memory.lapses + 1 });
  });
});

describe("maximum interval", () => {
  it("caps Hard, Good and Easy alike (maximum 10: Easy is 10d, not 11d)", () => {
    const settings: Settings = { ...noFuzz, maximumInterval: 10 };
    const strong: CardMemory = {
      ...newCardMemory(new Date("2026-01-01T00:00:00Z")),
      state: CardState.Review,
      stability: 40,
      difficulty: 3,
      reps: 8,
      scheduledDays: 10,
      lastReview: new Date(NOW.getTime() - 10 * DAY),
      due: NOW,
    };
    const preview = previewIntervals(strong, NOW, settings, "c");
    for (const rating of [2, 3, 4] as const) {
      const { next } = scheduleReview(strong, rating, NOW, settings, 0, "c");
      expect(next.scheduledDays, `rating ${rating}`).toBeLessThanOrEqual(10);
      expect(preview[rating].label, `rating ${rating}`).toBe(formatInterval(next.scheduledDays * DAY));
    }
    expect(scheduleReview(strong, 4, NOW, settings, 0, "c").next.scheduledDays).toBe(10);
    expect(preview[4].label).toBe("10d");
  });

  it("caps a card graduating with Easy from learning", () => {
    const settings: Settings = { ...noFuzz, maximumInterval: 2 };
    const easy = scheduleReview(newCardMemory(NOW), 4, NOW, settings, 0, "c").next;
    expect(easy.scheduledDays).toBe(2);
  });
});
