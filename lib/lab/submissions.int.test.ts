import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/accounts";
import { importContent } from "@/lib/content/import";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { answerCard } from "@/lib/review/answer";
import { ensureCards } from "@/lib/review/cards";
import { loadQueue } from "@/lib/review/queue";
import { getSubmission, listSubmissions, submitSolution, SubmissionError } from "./submissions";

let t: TestDatabase;
let ada: string;
let bob: string;
const reference = fs.readFileSync("lab/kl-divergence/solution.ts", "utf8");
const reversed = fs.readFileSync("lab/kl-divergence/wrong/reversed.ts", "utf8");

beforeAll(async () => {
  t = await createTestDatabase();
  await importContent(t.db);
  ada = (await createUser(t.db, { email: "ada@example.com" })).id;
  bob = (await createUser(t.db, { email: "bob@example.com" })).id;
  await ensureCards(t.db, ada);
  await ensureCards(t.db, bob);
});
afterAll(async () => t.drop());

describe("submissions", () => {
  it("grades on the server with hidden tests and keeps code, per-test results, score, backend, duration and time", async () => {
    const submitted = await submitSolution(t.db, ada, { exerciseId: "kl-divergence", code: reference });
    expect(submitted.results.status).toBe("pass");
    expect(submitted.results.tests.some((test) => test.hidden)).toBe(true);
    const stored = await getSubmission(t.db, ada, submitted.id);
    expect(stored).toMatchObject({ code: reference, status: "pass", backend: "cpu", exerciseId: "kl-divergence" });
    expect(stored.points).toBe(stored.maxPoints);
    expect(stored.durationMs).toBeGreaterThan(0);
    expect(submitted.rescheduledCards).toBe(0);
  });

  it("shows a failing hidden test's name and verdict, never its inputs", async () => {
    const submitted = await submitSolution(t.db, ada, { exerciseId: "kl-divergence", code: reversed });
    const hidden = submitted.results.tests.filter((test) => test.hidden && test.status !== "pass");
    expect(hidden.length).toBeGreaterThan(0);
    for (const test of hidden) {
      expect(test.message).toMatch(/^This hidden test/);
      expect(test.message).not.toMatch(/expected|actual|\[/);
      expect(test.test_code).toBeUndefined();
    }
    const history = await listSubmissions(t.db, ada, "kl-divergence");
    expect(history[0]!.status).toBe("fail");
    expect(history[0]!.failing.some((f) => f.hidden)).toBe(true);
  });

  it("brings the cards of the exercise's notes back today, as a lab reschedule with a reason", async () => {
    // Bob has studied Q6 and Q5 (kl-divergence practises ml-qa#6 and ml-qa#5): they are due in days.
    const notes = await t.db.note.findMany({ where: { number: { in: [5, 6] }, deck: { slug: "ml-qa" } } });
    const cards = await t.db.card.findMany({ where: { userId: bob, noteId: { in: notes.map((n) => n.id) } } });
    for (const card of cards) await answerCard(t.db, bob, { cardId: card.id, version: card.version, rating: 4, durationMs: 0 });
    const later = await t.db.card.findMany({ where: { id: { in: cards.map((c) => c.id) } } });
    expect(later.every((c) => c.due.getTime() > Date.now() + 86_400_000)).toBe(true);

    const submitted = await submitSolution(t.db, bob, { exerciseId: "kl-divergence", code: reversed });
    expect(submitted.rescheduledCards).toBe(2);
    const after = await t.db.card.findMany({ where: { id: { in: cards.map((c) => c.id) } } });
    expect(after.every((c) => c.due.getTime() <= Date.now())).toBe(true);
    const logs = await t.db.reviewLog.findMany({ where: { userId: bob, kind: "LAB" } });
    expect(logs).toHaveLength(2);
    expect(logs[0]!.reason).toMatch(/^Back today: your submission for KL divergence failed “/);
    expect(logs.every((log) => log.rating === null)).toBe(true);

    const queue = await loadQueue(t.db, bob);
    expect(queue.card?.reason).toMatch(/Back today: your submission for KL divergence failed/);
    expect([5, 6]).toContain(queue.card?.noteNumber);
  });

  it("refuses code over 64 KB and unknown exercises, storing nothing", async () => {
    const before = await t.db.submission.count();
    const big = `// ${"x".repeat(64 * 1024)}\n${reference}`;
    await expect(submitSolution(t.db, ada, { exerciseId: "kl-divergence", code: big })).rejects.toMatchObject({ status: 413, code: "code_too_large" });
    await expect(submitSolution(t.db, ada, { exerciseId: "no-such-exercise", code: reference })).rejects.toBeInstanceOf(SubmissionError);
    await expect(submitSolution(t.db, ada, { exerciseId: "../etc", code: reference })).rejects.toMatchObject({ status: 404 });
    expect(await t.db.submission.count()).toBe(before);
  });

  it("never shows one learner's submission to another", async () => {
    const [mine] = await listSubmissions(t.db, ada, "kl-divergence");
    await expect(getSubmission(t.db, bob, mine!.id)).rejects.toMatchObject({ status: 404 });
    expect((await listSubmissions(t.db, bob, "kl-divergence")).every((s) => s.id !== mine!.id)).toBe(true);
  });
});
