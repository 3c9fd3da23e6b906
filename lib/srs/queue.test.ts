import { describe, expect, it } from "vitest";
import { buildDailyQueue, type DailyQueueInput, type QueueCard } from "./queue";
import { DEFAULT_SETTINGS } from "./settings";
import { CardState, newCardMemory, type CardMemory } from "./types";

// Defaults: UTC, the day starts at 04:00, so "today" is [2026-05-01T04:00Z, 2026-05-02T04:00Z).
const NOW = new Date("2026-05-01T10:00:00.000Z");
const settings = DEFAULT_SETTINGS;
const nothingDone = { newIntroduced: 0, reviewsDone: 0 };

function memory(state: CardState, due: string): CardMemory {
  const base = newCardMemory(new Date(due));
  if (state === CardState.New) return base;
  return { ...base, state, reps: 3, stability: 5, difficulty: 5, lastReview: new Date("2026-04-20T10:00:00Z") };
}

let nextPosition = 1000;
function card(id: string, state: CardState, due: string, extra: Partial<QueueCard> = {}): QueueCard {
  return { id, deckSlug: "deck", position: nextPosition++, memory: memory(state, due), suspended: false, ...extra };
}
const learning = (id: string, due: string, extra?: Partial<QueueCard>) => card(id, CardState.Learning, due, extra);
const relearning = (id: string, due: string, extra?: Partial<QueueCard>) => card(id, CardState.Relearning, due, extra);
const review = (id: string, due: string, extra?: Partial<QueueCard>) => card(id, CardState.Review, due, extra);
const fresh = (id: string, position: number, extra?: Partial<QueueCard>) =>
  card(id, CardState.New, "2026-01-01T00:00:00Z", { position, ...extra });

function queue(cards: QueueCard[], overrides: Partial<DailyQueueInput> = {}) {
  return buildDailyQueue({ cards, now: NOW, settings, doneToday: nothingDone, ...overrides });
}

/** The order cards would be shown in, taking each `next` away as if answered for good and counting it as done. */
function drain(cards: QueueCard[], overrides: Partial<DailyQueueInput> = {}): string[] {
  const left = [...cards];
  const shown: string[] = [];
  let done = overrides.doneToday ?? nothingDone;
  for (;;) {
    const { next } = queue(left, { ...overrides, doneToday: done });
    if (!next) return shown;
    shown.push(next.id);
    left.splice(left.indexOf(next), 1);
    if (next.memory.state === CardState.New) done = { ...done, newIntroduced: done.newIntroduced + 1 };
    if (next.memory.state === CardState.Review) done = { ...done, reviewsDone: done.reviewsDone + 1 };
  }
}

describe("buildDailyQueue order", () => {
  it("shows due (re)learning cards, then today's reviews, then new cards in content order", () => {
    const cards = [
      fresh("new-b", 2),
      review("review-tonight", "2026-05-01T23:00:00Z"),
      relearning("relearn-0955", "2026-05-01T09:55:00Z"),
      fresh("new-c", 3),
      review("review-overdue", "2026-04-28T10:00:00Z"),
      learning("learn-0950", "2026-05-01T09:50:00Z"),
      fresh("new-a", 1),
      review("review-tomorrow", "2026-05-02T05:00:00Z"),
    ];
    expect(queue(cards).counts).toEqual({ learning: 2, review: 2, new: 3 });
    expect(drain(cards)).toEqual([
      "learn-0950",
      "relearn-0955",
      "review-overdue",
      "review-tonight",
      "new-a",
      "new-b",
      "new-c",
    ]);
  });

  it("breaks ties in due by content position", () => {
    const due = "2026-05-01T08:00:00Z";
    expect(drain([review("r2", due, { position: 2 }), review("r1", due, { position: 1 })])).toEqual(["r1", "r2"]);
  });

  it("goes deck by deck before position (slugs by character code), and by card id within one position", () => {
    const due = "2026-05-01T08:00:00Z";
    const cards = [
      review("z", due, { deckSlug: "b", position: 0 }),
      review("y", due, { deckSlug: "aa", position: 0 }),
      review("x", due, { deckSlug: "a-b", position: 5 }),
      review("w", due, { deckSlug: "b", position: 0 }),
    ];
    expect(drain(cards)).toEqual(["x", "y", "w", "z"]);
  });

  it("counts a review card due at any time of the study day, up to the rollover", () => {
    const cards = [
      review("before-rollover", "2026-05-02T03:59:59.999Z"),
      review("after-rollover", "2026-05-02T04:00:00Z"),
    ];
    const result = queue(cards);
    expect(result.counts.review).toBe(1);
    expect(result.next?.id).toBe("before-rollover");
  });

  it("keeps a review due just after the local rollover for the next study day", () => {
    const newYork = { ...settings, timeZone: "America/New_York" };
    // Due at 04:30 EDT on 2 May; the learner's 2 May starts at 04:00 EDT (08:00Z).
    const cards = [review("r", "2026-05-02T08:30:00Z")];
    const at0359 = queue(cards, { settings: newYork, now: new Date("2026-05-02T07:59:00Z") });
    expect(at0359.next).toBeNull();
    expect(at0359.counts.review).toBe(0);
    expect(at0359.nextDueAt).toEqual(new Date("2026-05-02T08:00:00Z"));
    const at0400 = queue(cards, { settings: newYork, now: new Date("2026-05-02T08:00:00Z") });
    expect(at0400.next?.id).toBe("r");
  });
});

describe("buildDailyQueue limits", () => {
  const manyNew = (n: number) => Array.from({ length: n }, (_, i) => fresh(`new-${i + 1}`, i + 1));
  const manyReviews = (n: number) =>
    Array.from({ length: n }, (_, i) => review(`review-${i + 1}`, new Date(Date.UTC(2026, 3, 20 + i)).toISOString()));

  it("introduces at most newPerDay new cards, minus those introduced today", () => {
    expect(queue(manyNew(30)).counts.new).toBe(20);
    const afterFive = queue(manyNew(30), { doneToday: { newIntroduced: 5, reviewsDone: 0 } });
    expect(afterFive.counts.new).toBe(15);
    expect(afterFive.next?.id).toBe("new-1");
    const afterSeventeen = drain(manyNew(30), { doneToday: { newIntroduced: 17, reviewsDone: 0 } });
    expect(afterSeventeen).toEqual(["new-1", "new-2", "new-3"]);
  });

  it("shows no new card once the new limit is used up, and says when tomorrow starts", () => {
    const result = queue(manyNew(30), { doneToday: { newIntroduced: 20, reviewsDone: 0 } });
    expect(result).toEqual({
      next: null,
      counts: { new: 0, learning: 0, review: 0 },
      nextDueAt: new Date("2026-05-02T04:00:00Z"),
    });
    expect(queue(manyNew(3), { doneToday: { newIntroduced: 25, reviewsDone: 0 } }).counts.new).toBe(0);
  });

  it("caps reviews at maxReviewsPerDay minus those done today, earliest due first", () => {
    const capped = { ...settings, maxReviewsPerDay: 8 };
    expect(queue(manyReviews(10), { settings: capped }).counts.review).toBe(8);
    const result = queue(manyReviews(10), { settings: capped, doneToday: { newIntroduced: 0, reviewsDone: 3 } });
    expect(result.counts.review).toBe(5);
    expect(drain(manyReviews(10), { settings: capped, doneToday: { newIntroduced: 0, reviewsDone: 3 } })).toEqual([
      "review-1",
      "review-2",
      "review-3",
      "review-4",
      "review-5",
    ]);
  });

  it("lets new cards use only the review room left after today's reviews and new cards", () => {
    const cards = [...manyReviews(10), ...manyNew(30)];
    const room = (maxReviewsPerDay: number, reviewsDone: number, newIntroduced = 0) =>
      queue(cards, { settings: { ...settings, maxReviewsPerDay }, doneToday: { newIntroduced, reviewsDone } }).counts;
    expect(room(12, 3)).toEqual({ learning: 0, review: 9, new: 0 });
    expect(room(20, 3)).toEqual({ learning: 0, review: 10, new: 7 });
    expect(room(20, 3, 4)).toEqual({ learning: 0, review: 10, new: 3 });
    expect(room(200, 0)).toEqual({ learning: 0, review: 10, new: 20 });
    expect(room(5, 5)).toEqual({ learning: 0, review: 0, new: 0 });
  });

  it("over a whole session, shows exactly what the counts announced", () => {
    const cards = [...manyNew(30), ...manyReviews(10)];
    const capped = { settings: { ...settings, maxReviewsPerDay: 15 } };
    expect(queue(cards, capped).counts).toEqual({ learning: 0, review: 10, new: 5 });
    const shown = drain(cards, capped);
    expect(shown).toEqual([...manyReviews(10).map((c) => c.id), "new-1", "new-2", "new-3", "new-4", "new-5"]);
  });

  it("never limits (re)learning cards", () => {
    const cards = [learning("l", "2026-05-01T09:00:00Z"), relearning("r", "2026-05-01T09:30:00Z")];
    const zero = { ...settings, newPerDay: 0, maxReviewsPerDay: 0 };
    expect(drain(cards, { settings: zero, doneToday: { newIntroduced: 99, reviewsDone: 99 } })).toEqual(["l", "r"]);
  });
});

describe("buildDailyQueue suspended cards", () => {
  it("never shows or counts them", () => {
    const cards = [
      learning("l-suspended", "2026-05-01T09:00:00Z", { suspended: true }),
      review("r-suspended", "2026-05-01T08:00:00Z", { suspended: true }),
      fresh("n-suspended", 1, { suspended: true }),
      fresh("n-ok", 2),
    ];
    const result = queue(cards);
    expect(result.counts).toEqual({ learning: 0, review: 0, new: 1 });
    expect(drain(cards)).toEqual(["n-ok"]);
  });
});

describe("buildDailyQueue learning later today and learn-ahead", () => {
  it("counts a learning card due later today but shows other cards first", () => {
    const cards = [learning("later", "2026-05-01T10:15:00Z"), review("r", "2026-05-01T06:00:00Z"), fresh("n", 1)];
    const result = queue(cards);
    expect(result.counts).toEqual({ learning: 1, review: 1, new: 1 });
    expect(drain(cards)).toEqual(["r", "n", "later"]);
  });

  it("shows a learning card up to 20 minutes early when nothing else is left", () => {
    expect(queue([learning("soon", "2026-05-01T10:20:00Z")]).next?.id).toBe("soon");
    const notYet = queue([learning("later", "2026-05-01T10:20:00.001Z")]);
    expect(notYet.next).toBeNull();
    expect(notYet.counts.learning).toBe(0);
    // It becomes available once it is within learn-ahead of its due.
    expect(notYet.nextDueAt).toEqual(new Date("2026-05-01T10:00:00.001Z"));
  });

  it("follows the learner's learn-ahead minutes", () => {
    const cards = [learning("l", "2026-05-01T10:05:00Z")];
    expect(queue(cards, { settings: { ...settings, learnAheadMinutes: 0 } })).toEqual({
      next: null,
      counts: { learning: 0, review: 0, new: 0 },
      nextDueAt: new Date("2026-05-01T10:05:00Z"),
    });
    expect(queue(cards, { settings: { ...settings, learnAheadMinutes: 5 } }).next?.id).toBe("l");
  });

  it("leaves a learning card due after the rollover to the next study day", () => {
    const result = queue([relearning("tomorrow", "2026-05-02T04:05:00Z")]);
    expect(result.counts.learning).toBe(0);
    expect(result.next).toBeNull();
    // Learn-ahead never reaches back across the rollover.
    expect(result.nextDueAt).toEqual(new Date("2026-05-02T04:00:00Z"));
  });
});

describe("buildDailyQueue nextDueAt", () => {
  it("is null while there is a card to show", () => {
    expect(queue([fresh("n", 1)]).nextDueAt).toBeNull();
  });

  it("is null when nothing is scheduled at all", () => {
    expect(queue([])).toEqual({ next: null, counts: { new: 0, learning: 0, review: 0 }, nextDueAt: null });
    expect(queue([fresh("n", 1)], { settings: { ...settings, newPerDay: 0 } }).nextDueAt).toBeNull();
  });

  it("is the start of the study day of the next review", () => {
    // Due 02:00Z on 8 May is before the 04:00 rollover: it belongs to the study day of 7 May.
    expect(queue([review("r", "2026-05-08T02:00:00Z")]).nextDueAt).toEqual(new Date("2026-05-07T04:00:00Z"));
  });

  it("is the earliest of what comes next", () => {
    const cards = [review("week", "2026-05-08T12:00:00Z"), learning("later", "2026-05-01T15:00:00Z")];
    expect(queue(cards).nextDueAt).toEqual(new Date("2026-05-01T14:40:00Z"));
  });
});

describe("buildDailyQueue learning count and the card just answered", () => {
  it("counts a learning card only once it is due within the learn-ahead window", () => {
    const cards = [learning("afternoon", "2026-05-01T15:00:00Z"), review("r", "2026-05-01T06:00:00Z")];
    expect(queue(cards).counts).toEqual({ learning: 0, review: 1, new: 0 });
    expect(queue(cards, { now: new Date("2026-05-01T14:39:59Z") }).counts.learning).toBe(0);
    expect(queue(cards, { now: new Date("2026-05-01T14:40:00Z") }).counts.learning).toBe(1);
    const longer = { settings: { ...settings, learnAheadMinutes: 300 } };
    expect(queue(cards, longer).counts.learning).toBe(1);
  });

  it("does not show the card just answered again when another learning card waits", () => {
    const cards = [learning("just-answered", "2026-05-01T10:01:00Z"), learning("other", "2026-05-01T10:09:00Z")];
    expect(queue(cards).next?.id).toBe("just-answered");
    expect(queue(cards, { justAnswered: "just-answered" }).next?.id).toBe("other");
    expect(queue(cards, { justAnswered: "other" }).next?.id).toBe("just-answered");
    // With nothing else waiting, it comes back (learn-ahead).
    expect(queue([cards[0]!], { justAnswered: "just-answered" }).next?.id).toBe("just-answered");
    // Another card outside the window does not count as waiting.
    const far = [cards[0]!, learning("far", "2026-05-01T10:30:00Z")];
    expect(queue(far, { justAnswered: "just-answered" }).next?.id).toBe("just-answered");
  });
});
