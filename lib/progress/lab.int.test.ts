import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "@/lib/db/testing";
import { loadLab } from "./lab";
import { createDatabaseWithDecks, createLearner, writeLogs } from "./testing";

let t: TestDatabase;
beforeAll(async () => {
  ({ t } = await createDatabaseWithDecks({ a: 3, b: 2 }));
});
afterAll(async () => t.drop());

const at = (iso: string) => new Date(iso);
const EXERCISES = [
  { id: "kl-divergence", title: "KL divergence" },
  { id: "train-step", title: "Training step" },
  { id: "minibatches", title: "Mini-batches" },
];

async function submit(userId: string, exerciseId: string, status: string, points: number, createdAt: string) {
  await t.db.submission.create({
    data: { userId, exerciseId, code: "//", status, points, maxPoints: 12, results: {}, backend: "cpu", durationMs: 100, createdAt: at(createdAt) },
  });
}

describe("loadLab", () => {
  it("reports attempts, the best server score, attempts before the first pass and the last submission per exercise", async () => {
    const ada = await createLearner(t.db, "ada@example.com", { timeZone: "UTC" });
    const bob = await createLearner(t.db, "bob@example.com", { timeZone: "UTC" });
    await submit(ada.id, "kl-divergence", "fail", 4, "2026-03-01T10:00:00Z");
    await submit(ada.id, "kl-divergence", "error", 0, "2026-03-01T10:05:00Z");
    await submit(ada.id, "kl-divergence", "pass", 12, "2026-03-02T09:00:00Z");
    await submit(ada.id, "kl-divergence", "fail", 11, "2026-03-03T09:00:00Z");
    await submit(ada.id, "train-step", "fail", 5, "2026-03-04T09:00:00Z");
    await submit(ada.id, "train-step", "fail", 7, "2026-03-05T09:00:00Z");
    await submit(ada.id, "train-step", "error", 0, "2026-03-06T09:00:00Z");
    // Someone else's pass, and an exercise not asked about, count for nothing.
    await submit(bob.id, "train-step", "pass", 12, "2026-03-04T09:00:00Z");
    await submit(ada.id, "wgan-critic-loss", "pass", 12, "2026-03-04T09:00:00Z");

    const lab = await loadLab(t.db, { userId: ada.id, exercises: EXERCISES, deckId: null });
    expect(lab.exercises).toEqual([
      {
        id: "kl-divergence",
        title: "KL divergence",
        attempts: 4,
        passed: true,
        attemptsBeforePass: 2,
        firstPassAt: at("2026-03-02T09:00:00Z"),
        best: { points: 12, maxPoints: 12 },
        last: { at: at("2026-03-03T09:00:00Z"), status: "fail" },
      },
      {
        id: "train-step",
        title: "Training step",
        attempts: 3,
        passed: false,
        attemptsBeforePass: 3,
        firstPassAt: null,
        best: { points: 7, maxPoints: 12 },
        last: { at: at("2026-03-06T09:00:00Z"), status: "error" },
      },
      { id: "minibatches", title: "Mini-batches", attempts: 0, passed: false, attemptsBeforePass: 0, firstPassAt: null, best: null, last: null },
    ]);
    expect([lab.attempted, lab.passed]).toEqual([2, 1]);
  });

  it("lists the notes lab misses sent back to review, newest first, and whether they were reviewed since", async () => {
    const cy = await createLearner(t.db, "cy@example.com", { timeZone: "UTC" });
    const dee = await createLearner(t.db, "dee@example.com", { timeZone: "UTC" });
    const [a1, a2, a3] = cy.cards.filter((c) => c.note.deck.slug === "a");
    const b1 = cy.cards.find((c) => c.note.deck.slug === "b")!;
    await writeLogs(t.db, cy.id, [
      { cardId: a1!.id, review: at("2026-03-01T10:00:00Z"), kind: "LAB", reason: "first miss" },
      { cardId: a1!.id, review: at("2026-03-03T10:00:00Z"), kind: "LAB", reason: "second miss" },
      { cardId: b1.id, review: at("2026-03-02T10:00:00Z"), kind: "LAB", reason: "b miss" },
      // Reviews and resets are not lab misses.
      { cardId: a2!.id, review: at("2026-03-02T11:00:00Z"), kind: "RATING", rating: 1 },
      { cardId: a3!.id, review: at("2026-03-02T11:00:00Z"), kind: "RESET" },
    ]);
    await t.db.card.update({ where: { id: b1.id }, data: { lastReview: at("2026-03-02T12:00:00Z"), state: 1 } });
    await t.db.card.update({ where: { id: a1!.id }, data: { lastReview: at("2026-03-02T12:00:00Z"), state: 2 } });
    await writeLogs(t.db, dee.id, [{ cardId: dee.cards[0]!.id, review: at("2026-03-05T10:00:00Z"), kind: "LAB", reason: "dee" }]);

    const lab = await loadLab(t.db, { userId: cy.id, exercises: [], deckId: null });
    expect(lab.misses).toEqual([
      { deckSlug: "a", deckTitle: "Deck a", number: 1, question: "a Q1?", times: 2, lastAt: at("2026-03-03T10:00:00Z"), reason: "second miss", reviewedSince: false },
      { deckSlug: "b", deckTitle: "Deck b", number: 1, question: "b Q1?", times: 1, lastAt: at("2026-03-02T10:00:00Z"), reason: "b miss", reviewedSince: true },
    ]);
    expect(lab.missedNotes).toBe(2);
    const deckB = await t.db.deck.findUniqueOrThrow({ where: { slug: "b" } });
    const onlyB = await loadLab(t.db, { userId: cy.id, exercises: [], deckId: deckB.id });
    expect(onlyB.misses.map((m) => m.question)).toEqual(["b Q1?"]);
    expect(onlyB.missedNotes).toBe(1);
  });
});
