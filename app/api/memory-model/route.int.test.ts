// The memory model's routes as the settings page uses them: real route handlers, PostgreSQL, a real worker and real
// session cookies. Who may ask for what, refusals that change nothing, and an optimization followed to its end.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/session";
import { createUser } from "@/lib/auth/accounts";
import { sameOriginHeaders, sessionCookie } from "@/lib/auth/testing";
import type { TestDatabase } from "@/lib/db/testing";
import type { JobWorker } from "@/lib/jobs/runner";
import { TASKS } from "@/lib/jobs/tasks";
import { createJobTestDatabase, startTestWorker, waitForJob } from "@/lib/jobs/testing";
import type { MemoryModelState } from "@/lib/memory-model/model";
import { SIMULATED_MEMORIES } from "@/lib/memory-model/simulated-learner";
import { createSimulatedLearner, createSyntheticDeck } from "@/lib/memory-model/testing";
import { readReviewSettings } from "@/lib/review/settings";
import { POST as chooseRetention } from "./desired-retention/route";
import { POST as optimize } from "./optimize/route";
import { POST as reschedule } from "./reschedule/route";
import { POST as simulateRetentions } from "./retention/route";
import { POST as revert } from "./revert/route";
import { GET as state } from "./route";

let t: TestDatabase;
let worker: JobWorker;
let ada: CurrentUser; // has a year of reviews
let bob: CurrentUser; // has none

const BASE = "http://latent.test/api/memory-model";
let cookie = "";
const as = async (user: CurrentUser | null) => (cookie = user ? await sessionCookie(user.id) : "");
type Handler = (request: Request) => Promise<Response>;
const post = (handler: Handler, path: string, body: unknown = {}, headers: Record<string, string> = {}) =>
  handler(new Request(`${BASE}${path}`, { method: "POST", body: JSON.stringify(body), headers: { ...sameOriginHeaders(`${BASE}${path}`), cookie, ...headers } }));
const read = async () => {
  const response = await state(new Request(BASE, { headers: { cookie } }));
  expect(response.status).toBe(200);
  return (await response.json()) as MemoryModelState;
};
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

beforeAll(async () => {
  t = await createJobTestDatabase();
  (globalThis as unknown as { latentDb?: unknown }).latentDb = t.db; // what getDb() returns
  const deckId = await createSyntheticDeck(t.db, 300);
  const simulated = await createSimulatedLearner(t.db, {
    email: "ada@example.com",
    deckId,
    memory: SIMULATED_MEMORIES[0]!,
    days: 240,
    end: new Date("2026-06-01T12:00:00Z"),
    seed: 101,
    newPerDay: 10,
  });
  ada = { id: simulated.userId, email: "ada@example.com", name: null, role: "LEARNER" };
  bob = { id: (await createUser(t.db, { email: "bob@example.com" })).id, email: "bob@example.com", name: null, role: "LEARNER" };
  worker = await startTestWorker(t.url, TASKS);
}, 90_000);
afterAll(async () => {
  await worker.stop();
  await t.drop();
});

describe("the memory model's routes", () => {
  it("refuse a request without a session, from another site, or not in JSON, and start nothing", async () => {
    await as(null);
    expect((await post(optimize, "/optimize")).status).toBe(401);
    expect((await state(new Request(BASE))).status).toBe(401);
    await as(ada);
    const crossSite = await post(optimize, "/optimize", {}, { origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    expect((await errorOf(crossSite)).code).toBe("cross_site");
    expect((await post(reschedule, "/reschedule", {}, { "content-type": "text/plain" })).status).toBe(415);
    expect((await post(chooseRetention, "/desired-retention", { desiredRetention: 0.8 }, { origin: "https://evil.example" })).status).toBe(403);
    expect(await t.db.job.count()).toBe(0);
    expect((await readReviewSettings(t.db, ada.id)).settings.desiredRetention).toBe(0.9);
  });

  it("tell a learner with too few reviews how many they have and need, and start nothing", async () => {
    await as(bob);
    const refused = await post(optimize, "/optimize");
    expect(refused.status).toBe(409);
    const error = await errorOf(refused);
    expect(error.code).toBe("too_few_reviews");
    expect(error.message).toMatch(/at least 400 reviews .* you have 0\. Nothing was changed/);
    expect(await t.db.job.count()).toBe(0);
    const shown = await read();
    expect(shown).toMatchObject({ parameters: [], minimum: 400, history: [], jobs: { optimize: null } });
  });

  it("optimize in the background: one job per learner, progress to poll, then the comparison in the history", async () => {
    await as(ada);
    const started = await post(optimize, "/optimize");
    expect(started.status).toBe(202);
    const { job } = (await started.json()) as { job: { id: string; created: boolean } };
    expect(job.created).toBe(true);
    // Asking again while it runs returns the same job.
    const again = (await (await post(optimize, "/optimize")).json()) as { job: { id: string; created: boolean } };
    expect(again.job).toEqual({ id: job.id, created: false });
    expect((await read()).jobs.optimize?.id).toBe(job.id);

    expect((await waitForJob(t.db, job.id, 120_000)).status).toBe("SUCCEEDED");
    const shown = await read();
    expect(shown.jobs.optimize).toMatchObject({ id: job.id, status: "succeeded", result: { outcome: "applied" } });
    expect(shown.parameters).toHaveLength(21);
    expect(shown.history).toHaveLength(1);
    const [event] = shown.history;
    expect(event).toMatchObject({ kind: "OPTIMIZED", applied: true, revertible: true });
    expect(event!.fitted!.logLoss).toBeLessThan(event!.current!.logLoss);
    expect(event!.items).toBeGreaterThanOrEqual(400);

    // Bob sees none of it, and cannot revert Ada's optimization.
    await as(bob);
    expect((await read()).history).toEqual([]);
    const notHis = await post(revert, "/revert", { eventId: event!.id });
    expect(notHis.status).toBe(404);
    await as(ada);
    expect((await read()).parameters).toEqual(shown.parameters);

    // Ada reverts: FSRS's defaults again, and the revert is in the history; reverting twice is refused.
    expect((await post(revert, "/revert", { eventId: 42 })).status).toBe(400);
    const reverted = await post(revert, "/revert", { eventId: event!.id });
    expect(reverted.status).toBe(200);
    const after = await read();
    expect(after.parameters).toEqual([]);
    expect(after.history.map((entry) => entry.kind)).toEqual(["REVERTED", "OPTIMIZED"]);
    const twice = await post(revert, "/revert", { eventId: event!.id });
    expect(twice.status).toBe(409);
    expect((await errorOf(twice)).message).toMatch(/not the ones in use/);
  }, 180_000);

  it("simulate a year at each retention, then save only the retention the learner picks", async () => {
    await as(ada);
    const started = await post(simulateRetentions, "/retention");
    expect(started.status).toBe(202);
    const { job } = (await started.json()) as { job: { id: string } };
    expect((await waitForJob(t.db, job.id, 120_000)).status).toBe("SUCCEEDED");
    const result = (await read()).jobs.retention?.result as { suggested: number; outcomes: Array<{ desiredRetention: number }> };
    expect(result.outcomes.map((outcome) => outcome.desiredRetention)[0]).toBe(0.7);
    expect(result.outcomes.at(-1)?.desiredRetention).toBe(0.97);
    expect(result.suggested).toBeGreaterThanOrEqual(0.7);
    expect(result.suggested).toBeLessThanOrEqual(0.97);

    const before = (await readReviewSettings(t.db, ada.id)).settings;
    expect((await post(chooseRetention, "/desired-retention", { desiredRetention: 0.5 })).status).toBe(400);
    expect((await post(chooseRetention, "/desired-retention", { desiredRetention: "0.85" })).status).toBe(400);
    expect((await readReviewSettings(t.db, ada.id)).settings).toEqual(before);
    expect((await post(chooseRetention, "/desired-retention", { desiredRetention: result.suggested })).status).toBe(200);
    expect((await readReviewSettings(t.db, ada.id)).settings).toEqual({ ...before, desiredRetention: result.suggested });
    // Bob's settings are his own.
    expect((await readReviewSettings(t.db, bob.id)).settings.desiredRetention).toBe(0.9);
  }, 180_000);

  it("reschedule on request", async () => {
    await as(ada);
    const started = await post(reschedule, "/reschedule");
    expect(started.status).toBe(202);
    const { job } = (await started.json()) as { job: { id: string } };
    expect((await waitForJob(t.db, job.id, 120_000)).status).toBe("SUCCEEDED");
    expect((await read()).jobs.reschedule).toMatchObject({ status: "succeeded", result: { skipped: 0 } });
  }, 180_000);
});
