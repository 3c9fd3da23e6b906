// The submissions API as a client sees it: the real route handlers, a real job worker grading with the real grader,
// PostgreSQL; the session a real next-auth cookie. A forged result cannot create a passing submission; refusals store
// nothing; a grade slower than the route's wait is answered 202 and polled at GET /api/jobs/:id, by its learner only.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/session";
import { createUser } from "@/lib/auth/accounts";
import type { TestDatabase } from "@/lib/db/testing";
import type { JobWorker } from "@/lib/jobs/runner";
import type { JobView } from "@/lib/jobs/status";
import { TASKS } from "@/lib/jobs/tasks";
import { startTestWorker } from "@/lib/jobs/testing";
import { createGradingTestDatabase, dropGradingTestDatabase } from "@/lib/lab/submissions/testing";
import type { PendingSubmission, SubmissionDetail, SubmissionPage, SubmittedSolution } from "@/lib/lab/submissions/types";

// One grading job queued or running at a time: a second learner's submission while one grades gets 503.
process.env.LATENT_GRADER_QUEUE = "1";

import { sameOriginHeaders, sessionCookie } from "@/lib/auth/testing";

const { GET: list, POST: submit } = await import("./route");
const { GET: show } = await import("./[id]/route");
const { GET: showJob } = await import("../../jobs/[id]/route");

let t: TestDatabase;
let worker: JobWorker;
let ada: CurrentUser;
let bob: CurrentUser;
const reference = fs.readFileSync("lab/kl-divergence/solution.ts", "utf8");
const reversed = fs.readFileSync("lab/kl-divergence/wrong/reversed.ts", "utf8");

// The session cookie every request below carries: a real next-auth token, checked by the route as in production.
let cookie = "";
const as = async (user: CurrentUser | null) => (cookie = user ? await sessionCookie(user.id) : "");
const post = (body: unknown, headers: Record<string, string> = {}) =>
  submit(new Request("http://latent.test/api/lab/submissions", { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers: { ...sameOriginHeaders("http://latent.test/"), cookie, ...headers } }));
const get = (query: string) => list(new Request(`http://latent.test/api/lab/submissions?${query}`, { headers: { cookie } }));
const getJob = (id: string) => showJob(new Request(`http://latent.test/api/jobs/${id}`, { headers: { cookie } }), { params: Promise.resolve({ id }) });
const getOne = (id: string) => show(new Request(`http://latent.test/api/lab/submissions/${id}`, { headers: { cookie } }), { params: Promise.resolve({ id }) });

beforeAll(async () => {
  t = await createGradingTestDatabase();
  (globalThis as unknown as { latentDb?: unknown }).latentDb = t.db; // what getDb() returns
  const learner = async (email: string): Promise<CurrentUser> => ({ id: (await createUser(t.db, { email })).id, email, name: null, role: "LEARNER" });
  ada = await learner("ada@example.com");
  bob = await learner("bob@example.com");
  worker = await startTestWorker(t.url, TASKS);
});
afterAll(async () => {
  await worker.stop();
  await dropGradingTestDatabase(t);
});

describe("POST /api/lab/submissions", () => {
  it("refuses a submission from another site (403) or not sent as JSON (415), grading and storing nothing", async () => {
    await as(ada);
    const before = await t.db.submission.count();
    expect((await post({ exerciseId: "kl-divergence", code: reference }, { origin: "http://evil.example" })).status).toBe(403);
    expect((await post({ exerciseId: "kl-divergence", code: reference }, { "content-type": "text/plain" })).status).toBe(415);
    expect(await t.db.submission.count()).toBe(before);
  });

  it("answers 401 without a session and 400 without code", async () => {
    await as(null);
    expect((await post({ exerciseId: "kl-divergence", code: reference })).status).toBe(401);
    await as(ada);
    const missing = await post({ exerciseId: "kl-divergence" });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { field: string } }).error.field).toBe("code");
  });

  it("answers 401 to a session cookie that is forged, expired or for an account that no longer exists, and to a bearer token", async () => {
    const { encode } = await import("next-auth/jwt");
    const forged = `next-auth.session-token=${await encode({ token: { sub: ada.id }, secret: "not-this-instance-secret" })}`;
    const expired = await sessionCookie(ada.id, { maxAgeSeconds: -60 });
    const gone = await sessionCookie("no-such-user");
    for (const value of [forged, expired, gone, "next-auth.session-token=garbage"]) {
      expect((await post({ exerciseId: "kl-divergence", code: reference }, { cookie: value })).status).toBe(401);
    }
    // A valid session token is accepted only as the cookie, not as a bearer token.
    const token = (await sessionCookie(ada.id)).split("=")[1]!;
    expect((await post({ exerciseId: "kl-divergence", code: reference }, { cookie: "", authorization: `Bearer ${token}` })).status).toBe(401);
    expect(await t.db.submission.count({ where: { userId: ada.id } })).toBe(0);
  });

  it("ignores a forged result: a request claiming every test passed is graded, fails and is stored as failed", async () => {
    await as(ada);
    const forged = { status: "pass", points: 14, maxPoints: 14, tests: [], backend: "webgl", durationMs: 1, version: 3 };
    const response = await post({ exerciseId: "kl-divergence", code: reversed, results: forged, ...forged });
    expect(response.status).toBe(201);
    const body = (await response.json()) as SubmittedSolution;
    expect(body.results).toMatchObject({ status: "fail", backend: "cpu" });
    expect(body.results.points).toBeLessThan(body.results.maxPoints);
    const stored = await t.db.submission.findUniqueOrThrow({ where: { id: body.id } });
    expect(stored).toMatchObject({ status: "fail", backend: "cpu", points: body.results.points });
    expect(await t.db.submission.count({ where: { userId: ada.id, status: "pass" } })).toBe(0);
  });

  it("refuses code over 64 KB (413) and unknown exercises (404), storing nothing", async () => {
    await as(ada);
    const before = await t.db.submission.count();
    const tooBig = await post({ exerciseId: "kl-divergence", code: "x".repeat(65 * 1024) });
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: { message: string } }).error.message).toMatch(/at most 64 KB/);
    const huge = await post({ exerciseId: "kl-divergence", code: "x".repeat(1024 * 1024) });
    expect(huge.status).toBe(413);
    const unknown = await post({ exerciseId: "nope", code: reference });
    expect(unknown.status).toBe(404);
    // Code PostgreSQL cannot store is refused before it is graded: no graded submission can then be lost.
    const unstorable = await post({ exerciseId: "kl-divergence", code: `${reference}\n// \u0000` });
    expect(unstorable.status).toBe(422);
    expect(await unstorable.json()).toMatchObject({ error: { field: "code", message: expect.stringMatching(/NUL character/) } });
    expect(await unknown.json()).toMatchObject({ error: { code: "exercise_not_found", message: "There is no exercise 'nope'." } });
    expect(await t.db.submission.count()).toBe(before);
  });

  it("grades a retried request once: the same requestId gets the first one's submission, another learner's is their own", async () => {
    await as(ada);
    const requestId = crypto.randomUUID();
    const first = await post({ exerciseId: "kl-divergence", code: reversed, requestId });
    expect(first.status).toBe(201);
    const graded = (await first.json()) as SubmittedSolution;
    const before = await t.db.submission.count({ where: { userId: ada.id } });
    // A client that did not hear the answer sends the same request again: same submission, nothing new stored.
    const retry = await post({ exerciseId: "kl-divergence", code: reversed, requestId });
    expect(retry.status).toBe(201);
    expect(((await retry.json()) as SubmittedSolution).id).toBe(graded.id);
    expect(await t.db.submission.count({ where: { userId: ada.id } })).toBe(before);
    expect(await t.db.job.count({ where: { userId: ada.id, kind: "lab.grade" } })).toBe(before);
    // The same id from another learner is not theirs to attach to: it is graded and stored as their own.
    await as(bob);
    const bobs = await post({ exerciseId: "kl-divergence", code: reference, requestId });
    expect(bobs.status).toBe(201);
    const bobGraded = (await bobs.json()) as SubmittedSolution;
    expect(bobGraded.id).not.toBe(graded.id);
    expect(bobGraded.results.status).toBe("pass");
    // A requestId that is not a UUID is refused before anything is graded.
    const bad = await post({ exerciseId: "kl-divergence", code: reference, requestId: "again" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/requestId must be a UUID/);
    expect(await t.db.submission.count({ where: { userId: bob.id } })).toBe(1);
    await t.db.submission.deleteMany({ where: { userId: bob.id } });
  }, 60_000);

  it("answers 202 with the job to poll past its wait, 429 to a learner already grading, 503 with Retry-After when the queue is full", async () => {
    process.env.LATENT_GRADER_WAIT_SECONDS = "1";
    try {
      await as(ada);
      const slow = await post({ exerciseId: "kl-divergence", code: "export function klDivergence() { while (true) {} }" });
      expect(slow.status).toBe(202);
      const pending = (await slow.json()) as PendingSubmission;
      expect(pending.poll).toBe(`/api/jobs/${pending.jobId}`);
      expect(slow.headers.get("location")).toBe(pending.poll);
      const again = await post({ exerciseId: "kl-divergence", code: reference });
      expect(again.status).toBe(429);
      expect(Number(again.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);

      await as(bob);
      const busy = await post({ exerciseId: "kl-divergence", code: reference });
      expect(busy.status).toBe(503);
      expect(Number(busy.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(await busy.json()).toMatchObject({ error: { code: "busy" } });
      expect(await t.db.submission.count({ where: { userId: bob.id } })).toBe(0);
      // Someone else's job is not found, whatever its state.
      expect((await getJob(pending.jobId)).status).toBe(404);

      await as(ada);
      let job: JobView;
      for (;;) {
        const answer = await getJob(pending.jobId);
        expect(answer.status).toBe(200);
        job = (await answer.json()) as JobView;
        if (job.status === "succeeded" || job.status === "failed") break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(job).toMatchObject({ status: "succeeded", kind: "lab.grade" });
      const timedOut = job.result as SubmittedSolution;
      expect(timedOut.results.tests[0]!.status).toBe("timeout");
      expect(await t.db.submission.findUniqueOrThrow({ where: { id: timedOut.id } })).toMatchObject({ userId: ada.id, status: "fail", jobId: pending.jobId });
      await as(bob);
      expect((await getJob(pending.jobId)).status).toBe(404);
      // No one signed in: 401, the job not read.
      await as(null);
      const anonymous = await getJob(pending.jobId);
      expect(anonymous.status).toBe(401);
      expect(JSON.stringify(await anonymous.json())).not.toContain(timedOut.id);
    } finally {
      delete process.env.LATENT_GRADER_WAIT_SECONDS;
    }
  }, 60_000);
});

describe("GET /api/lab/submissions", () => {
  it("lists the learner's own history newest first, without code; one opens with its code; another's is 404", async () => {
    await as(bob);
    const created = (await (await post({ exerciseId: "kl-divergence", code: reference })).json()) as SubmittedSolution;
    const page = (await (await get("exercise=kl-divergence")).json()) as SubmissionPage;
    expect(page.submissions.map((s) => s.id)).toEqual([created.id]);
    expect(page.submissions[0]).not.toHaveProperty("code");
    const one = await getOne(created.id);
    expect(one.status).toBe(200);
    expect((await one.json()) as SubmissionDetail).toMatchObject({ id: created.id, code: reference, status: "pass" });

    await as(ada);
    expect((await getOne(created.id)).status).toBe(404);
    const adas = (await (await get("exercise=kl-divergence&limit=1")).json()) as SubmissionPage;
    expect(adas.submissions).toHaveLength(1);
    expect(adas.submissions.every((s) => s.id !== created.id)).toBe(true);
    expect(adas.nextCursor).not.toBeNull();
    expect((await get("exercise=kl-divergence&limit=1000")).status).toBe(400);
  });
});
