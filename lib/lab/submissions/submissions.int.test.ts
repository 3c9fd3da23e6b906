// Submissions on PostgreSQL through the job queue: a real worker (lib/jobs) grading with the real grader (grading
// processes, isolates) and storing. What is stored, what is refused (stored nowhere, nothing enqueued), who may see
// what, and how a failed submission brings the exercise's cards back to review.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/accounts";
import type { TestDatabase } from "@/lib/db/testing";
import type { JobWorker } from "@/lib/jobs/runner";
import { TASKS } from "@/lib/jobs/tasks";
import { startTestWorker } from "@/lib/jobs/testing";
import type { Results } from "@/lib/lab/runner/results";
import { answerCard, setSuspended } from "@/lib/review/answer";
import { ensureCards } from "@/lib/review/cards";
import { loadQueue } from "@/lib/review/queue";
import { SubmissionError } from "./errors";
import { getSubmission, listSubmissions } from "./history";
import { enqueueSubmission, submitSolution, type SubmitInput } from "./submit";
import { createGradingTestDatabase, dropGradingTestDatabase } from "./testing";
import type { SubmittedSolution } from "./types";

let t: TestDatabase;
let worker: JobWorker;
const reference = fs.readFileSync("lab/kl-divergence/solution.ts", "utf8");
const reversed = fs.readFileSync("lab/kl-divergence/wrong/reversed.ts", "utf8");

async function graded(userId: string, input: SubmitInput): Promise<SubmittedSolution> {
  const outcome = await submitSolution(t.db, userId, input);
  if (!("graded" in outcome)) throw new Error(`job ${outcome.pending.jobId} was not graded within the wait`);
  return outcome.graded;
}
const submit = (userId: string, code: string, exerciseId = "kl-divergence") => graded(userId, { exerciseId, code });
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e);

async function newLearner(email: string, options: { cards: boolean }) {
  const id = (await createUser(t.db, { email })).id;
  if (options.cards) await ensureCards(t.db, id);
  return id;
}

async function klCards(userId: string) {
  // kl-divergence practises ml-qa#6 and ml-qa#5.
  return t.db.card.findMany({ where: { userId, note: { number: { in: [5, 6] }, deck: { slug: "ml-qa" } } }, orderBy: { id: "asc" } });
}

beforeAll(async () => {
  t = await createGradingTestDatabase();
  worker = await startTestWorker(t.url, TASKS);
});
afterAll(async () => {
  await worker.stop();
  await dropGradingTestDatabase(t);
});

describe("submitting", () => {
  it("grades on the server with hidden tests and keeps code, per-test results, score, backend, duration and time", async () => {
    const ada = await newLearner("ada@example.com", { cards: true });
    const submitted = await submit(ada, reference);
    expect(submitted.results.status).toBe("pass");
    expect(submitted.results.tests.some((test) => test.hidden)).toBe(true);
    expect(submitted.rescheduledCards).toBe(0);
    const stored = await getSubmission(t.db, ada, submitted.id);
    expect(stored).toMatchObject({ code: reference, status: "pass", backend: "cpu", exerciseId: "kl-divergence", createdAt: submitted.createdAt });
    expect(stored.points).toBe(stored.maxPoints);
    expect(stored.durationMs).toBeGreaterThan(0);
    expect(stored.results).toEqual(submitted.results);
  });

  it("shows a failing hidden test's name and verdict, never its inputs", async () => {
    const ada = await newLearner("ada2@example.com", { cards: true });
    const submitted = await submit(ada, `${reversed}\nconsole.log("printed");`);
    const hidden = submitted.results.tests.filter((test) => test.hidden && test.status !== "pass");
    expect(hidden.length).toBeGreaterThan(0);
    for (const test of hidden) {
      expect(test.message).toBeUndefined();
      expect(test.output).toBeUndefined();
      expect(test.test_code).toBeUndefined();
    }
    // Visible tests carry their own source (Exercism's test_code), stored with the submission.
    const visible = submitted.results.tests.filter((test) => !test.hidden);
    expect(visible.length).toBeGreaterThan(0);
    for (const test of visible) expect(test.test_code, test.name).toMatch(/solution\.klDivergence|expect/);
    const stored = (await getSubmission(t.db, ada, submitted.id)).results as Results;
    expect(stored.tests.map((test) => test.test_code !== undefined)).toEqual(stored.tests.map((test) => !test.hidden));
    expect(JSON.stringify(stored.tests.filter((test) => test.hidden).map((test) => test.message))).not.toMatch(/expected|actual|\[\d/);
    const { submissions } = await listSubmissions(t.db, ada, "kl-divergence");
    expect(submissions[0]).toMatchObject({ id: submitted.id, status: "fail" });
    expect(submissions[0]!.failing.some((f) => f.hidden)).toBe(true);
    expect(submissions[0]).not.toHaveProperty("code");
  });

  it("refuses code over 64 KB and unknown exercises with a clear message, enqueueing and storing nothing", async () => {
    const ada = await newLearner("ada3@example.com", { cards: true });
    const before = await t.db.submission.count();
    const big = `// ${"x".repeat(64 * 1024)}\n${reference}`;
    const tooBig = await refusal(submitSolution(t.db, ada, { exerciseId: "kl-divergence", code: big }));
    expect(tooBig).toBeInstanceOf(SubmissionError);
    expect(tooBig).toMatchObject({ status: 413, code: "code_too_large", message: expect.stringMatching(/at most 64 KB/) });
    for (const exerciseId of ["no-such-exercise", "../etc", "KL-divergence", "kl-divergence/../train-step"]) {
      const unknown = await refusal(submitSolution(t.db, ada, { exerciseId, code: reference }));
      expect(unknown, exerciseId).toMatchObject({ status: 404, code: "exercise_not_found", message: `There is no exercise '${exerciseId}'.` });
    }
    expect(await t.db.job.count({ where: { userId: ada } })).toBe(0);
    // Exactly 64 KB is allowed: it is enqueued, graded (it is not TypeScript) and stored.
    const atLimit = await submit(ada, "x".repeat(64 * 1024));
    expect(atLimit.results.status).toBe("error");
    expect(await t.db.submission.count()).toBe(before + 1);
    expect(await t.db.reviewLog.count({ where: { userId: ada, kind: "RATING" } })).toBe(0);
  });

  it("stores nothing and enqueues nothing when the grading queue is full (503 with Retry-After)", async () => {
    const ada = await newLearner("ada4@example.com", { cards: true });
    const busy = await refusal(enqueueSubmission(t.db, ada, { exerciseId: "kl-divergence", code: reversed }, { queueLimit: 0 }));
    expect(busy).toMatchObject({ name: "GraderBusyError", retryAfterSeconds: expect.any(Number) });
    expect(await t.db.job.count({ where: { userId: ada } })).toBe(0);
    expect(await t.db.submission.count({ where: { userId: ada } })).toBe(0);
  });

  it("grades one submission per learner at a time, and the next once it is stored", async () => {
    const ada = await newLearner("ada5@example.com", { cards: true });
    const first = submitSolution(t.db, ada, { exerciseId: "kl-divergence", code: reference });
    const second = await refusal(submitSolution(t.db, ada, { exerciseId: "kl-divergence", code: reference }));
    expect(second).toMatchObject({ name: "SubmissionInFlightError" });
    const outcome = await first;
    expect("graded" in outcome && outcome.graded.results.status).toBe("pass");
    expect((await submit(ada, reference)).results.status).toBe("pass");
    expect(await t.db.submission.count({ where: { userId: ada } })).toBe(2);
  });
});

describe("text that cannot be stored as it is", () => {
  // Learner code decides what its messages and output hold: NUL and lone surrogates, which PostgreSQL's jsonb refuses.
  const hostileText = `import * as tf from "@tensorflow/tfjs";
export function klDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  console.log("printed \\u0000 NUL and a lone \\ud800 surrogate");
  throw new Error("thrown \\u0000 NUL, a lone \\udc00 surrogate");
}
`;

  it("stores a failing submission whose messages and output hold NUL and lone surrogates, with its lab reschedule", async () => {
    const gus = await newLearner("gus@example.com", { cards: true });
    const submitted = await submit(gus, hostileText);
    expect(submitted.results.status).toBe("fail");
    expect(submitted.rescheduledCards).toBe(2);
    const first = submitted.results.tests[0]!;
    expect(first.message).toContain("thrown \uFFFD NUL, a lone \uFFFD surrogate");
    expect(first.output).toContain("printed \uFFFD NUL and a lone \uFFFD surrogate");
    const stored = await getSubmission(t.db, gus, submitted.id);
    expect(stored.results).toEqual(submitted.results);
    expect(await t.db.reviewLog.count({ where: { userId: gus, kind: "LAB" } })).toBe(2);
  });

  it("refuses code holding a NUL or a lone surrogate with 422, before grading, storing nothing", async () => {
    const hal = await newLearner("hal@example.com", { cards: true });
    const refuse = (code: string) => refusal(submitSolution(t.db, hal, { exerciseId: "kl-divergence", code }));
    const nul = await refuse(`${reference}\n// a NUL here: \u0000\n`);
    expect(nul).toBeInstanceOf(SubmissionError);
    expect(nul).toMatchObject({ status: 422, code: "code_not_storable", message: expect.stringMatching(/NUL character.*at line 15, column 16/) });
    const surrogate = await refuse(`// \ud800\n${reference}`);
    expect(surrogate).toMatchObject({ status: 422, code: "code_not_storable", message: expect.stringMatching(/unpaired surrogate.*at line 1, column 4/) });
    expect(await t.db.submission.count({ where: { userId: hal } })).toBe(0);
    expect(await t.db.job.count({ where: { userId: hal } })).toBe(0);
  });

  it("a graded submission that cannot be stored: graded again once, then the learner is told, and nothing is half-written", async () => {
    const ivy = await newLearner("ivy@example.com", { cards: true });
    const before = await klCards(ivy);
    // A real failure inside the transaction: the reschedule's log insert is refused for this learner.
    await t.db.$executeRawUnsafe(`CREATE FUNCTION refuse_lab_log() RETURNS trigger AS $$ BEGIN IF NEW."userId" = '${ivy}' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await t.db.$executeRawUnsafe(`CREATE TRIGGER refuse_lab_log BEFORE INSERT ON "ReviewLog" FOR EACH ROW EXECUTE FUNCTION refuse_lab_log()`);
    try {
      const failure = await submit(ivy, reversed).then(() => null, (e: unknown) => e);
      expect(failure).toBeInstanceOf(SubmissionError);
      expect(failure).toMatchObject({ status: 503, code: "not_stored", message: expect.stringMatching(/could not be saved.*submit again/i) });
      expect(await t.db.job.findFirst({ where: { userId: ivy }, select: { status: true, attempts: true } })).toEqual({ status: "FAILED", attempts: 2 });
    } finally {
      await t.db.$executeRawUnsafe(`DROP TRIGGER refuse_lab_log ON "ReviewLog"`);
      await t.db.$executeRawUnsafe(`DROP FUNCTION refuse_lab_log()`);
    }
    expect(await t.db.submission.count({ where: { userId: ivy } })).toBe(0);
    expect(await klCards(ivy)).toEqual(before);
    expect(await t.db.reviewLog.count({ where: { userId: ivy } })).toBe(0);
    // Storage works again: the same code is graded and stored with its reschedule.
    expect((await submit(ivy, reversed)).rescheduledCards).toBe(2);
  });

  it("stores what a learner sees of hidden tests: no message, output or duration, and the visible tests' time", async () => {
    const jan = await newLearner("jan@example.com", { cards: true });
    const submitted = await submit(jan, `${reversed}\nconsole.log("printed");`);
    const stored = await getSubmission(t.db, jan, submitted.id);
    for (const test of stored.results.tests.filter((t) => t.hidden)) {
      expect(Object.keys(test).sort()).toEqual(["hidden", "maxPoints", "name", "points", "status"]);
    }
    const visibleMs = stored.results.tests.filter((t) => !t.hidden).reduce((total, t) => total + (t.durationMs ?? 0), 0);
    expect(stored.results.durationMs).toBeCloseTo(visibleMs, 0);
    expect(stored.durationMs).toBe(Math.round(stored.results.durationMs));
  });
});

describe("a failed submission feeds review", () => {
  it("brings the cards of the exercise's notes back today, as a lab reschedule (not a rating) with a reason", async () => {
    const bob = await newLearner("bob@example.com", { cards: true });
    for (const card of await klCards(bob)) await answerCard(t.db, bob, { cardId: card.id, version: card.version, rating: 4, durationMs: 0 });
    const before = await klCards(bob);
    expect(before.every((c) => c.due.getTime() > Date.now() + 86_400_000)).toBe(true);

    const submitted = await submit(bob, reversed);
    expect(submitted.rescheduledCards).toBe(2);
    const after = await klCards(bob);
    for (const [i, card] of after.entries()) {
      expect(card.due.getTime()).toBeLessThanOrEqual(Date.now());
      expect(card.version).toBe(before[i]!.version + 1);
      // Only the due date moves: the memory (stability, difficulty, reps, lapses, state) is the card's own.
      expect(card).toMatchObject({ stability: before[i]!.stability, difficulty: before[i]!.difficulty, reps: before[i]!.reps, lapses: before[i]!.lapses, state: before[i]!.state });
    }
    const logs = await t.db.reviewLog.findMany({ where: { userId: bob, kind: "LAB" }, orderBy: { cardId: "asc" } });
    expect(logs).toHaveLength(2);
    for (const [i, log] of logs.entries()) {
      expect(log).toMatchObject({ rating: null, cardVersion: after[i]!.version, prevDue: before[i]!.due, prevReps: before[i]!.reps, prevLapses: before[i]!.lapses, prevLastReview: before[i]!.lastReview });
      expect(log.reason).toMatch(/^Back today: your submission for KL divergence failed “.+”\.$/);
    }
    const queue = await loadQueue(t.db, bob);
    expect(queue.card?.reason).toMatch(/^Back today: your submission for KL divergence failed/);
    expect([5, 6]).toContain(queue.card?.noteNumber);
    // The undo key still only undoes ratings: the last event is a lab reschedule.
    expect(queue.canUndo).toBe(false);
  });

  it("does not log again for cards already back and not reviewed since, and a pass changes nothing", async () => {
    const bob = await newLearner("bob2@example.com", { cards: true });
    for (const card of await klCards(bob)) await answerCard(t.db, bob, { cardId: card.id, version: card.version, rating: 3, durationMs: 0 });
    expect((await submit(bob, reversed)).rescheduledCards).toBe(2);
    expect((await submit(bob, reversed)).rescheduledCards).toBe(0);
    expect((await submit(bob, reference)).rescheduledCards).toBe(0);
    expect(await t.db.reviewLog.count({ where: { userId: bob, kind: "LAB" } })).toBe(2);
  });

  it("creates the cards of a learner who never opened the review, new cards first in line with the reason", async () => {
    const cleo = await newLearner("cleo@example.com", { cards: false });
    await t.db.$executeRaw`INSERT INTO "DeckStudy" ("userId", "deckId", "createdAt") SELECT ${cleo}, id, now() FROM "Deck" ON CONFLICT DO NOTHING`;
    expect(await t.db.card.count({ where: { userId: cleo } })).toBe(0);
    const submitted = await submit(cleo, reversed);
    expect(submitted.rescheduledCards).toBe(2);
    const queue = await loadQueue(t.db, cleo);
    expect([5, 6]).toContain(queue.card?.noteNumber);
    expect(queue.card?.reason).toMatch(/^Back today/);
  });

  it("leaves suspended cards alone", async () => {
    const dan = await newLearner("dan@example.com", { cards: true });
    const [suspended] = await klCards(dan);
    await setSuspended(t.db, dan, suspended!.id, suspended!.version, true);
    expect((await submit(dan, reversed)).rescheduledCards).toBe(1);
    expect(await t.db.reviewLog.count({ where: { cardId: suspended!.id } })).toBe(0);
  });
});

describe("history", () => {
  it("never shows one learner's submission to another", async () => {
    const eve = await newLearner("eve@example.com", { cards: true });
    const mallory = await newLearner("mallory@example.com", { cards: true });
    const mine = await submit(eve, reversed);
    await expect(getSubmission(t.db, mallory, mine.id)).rejects.toMatchObject({ status: 404, code: "submission_not_found" });
    expect((await listSubmissions(t.db, mallory, "kl-divergence")).submissions).toEqual([]);
    await expect(listSubmissions(t.db, mallory, "kl-divergence", { cursor: mine.id })).rejects.toMatchObject({ status: 400 });
  });

  it("shows a submission stored before hidden tests were redacted to verdicts the same way: no message, output or duration", async () => {
    const kim = await newLearner("kim@example.com", { cards: false });
    const results = {
      version: 3,
      status: "fail",
      tests: [
        { name: "visible", status: "pass", points: 1, maxPoints: 1, hidden: false, durationMs: 4 },
        { name: "hidden", status: "fail", message: "expected [0.25, 0.75]", output: "p = [0.25, 0.75]", points: 0, maxPoints: 1, hidden: true, durationMs: 750 },
      ],
      points: 1,
      maxPoints: 2,
      backend: "cpu",
      durationMs: 800,
    };
    const row = await t.db.submission.create({
      data: { userId: kim, exerciseId: "kl-divergence", code: reversed, status: "fail", points: 1, maxPoints: 2, results, backend: "cpu", durationMs: 800 },
    });
    const detail = await getSubmission(t.db, kim, row.id);
    expect(detail.results.tests[1]).toEqual({ name: "hidden", status: "fail", points: 0, maxPoints: 1, hidden: true });
    expect(detail.durationMs).toBe(4);
    const { submissions } = await listSubmissions(t.db, kim, "kl-divergence");
    expect(submissions[0]).toMatchObject({ id: row.id, durationMs: 4 });
  });

  it("lists newest first, a page at a time", async () => {
    const fay = await newLearner("fay@example.com", { cards: true });
    const ids: string[] = [];
    for (const code of [reversed, reference, reversed]) {
      ids.push((await submit(fay, code)).id);
    }
    const first = await listSubmissions(t.db, fay, "kl-divergence", { limit: 2 });
    expect(first.submissions.map((s) => s.id)).toEqual([ids[2], ids[1]]);
    expect(first.submissions.map((s) => s.status)).toEqual(["fail", "pass"]);
    const second = await listSubmissions(t.db, fay, "kl-divergence", { limit: 2, cursor: first.nextCursor! });
    expect(second).toEqual({ submissions: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
  });
});
