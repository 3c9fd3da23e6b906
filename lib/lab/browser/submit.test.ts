import { describe, expect, it } from "vitest";
import { newRequestId, retryAfterSeconds, submitCode } from "./submit";

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
const graded = { id: "s1", createdAt: "2026-11-24T00:00:00.000Z", results: { status: "fail", tests: [] }, rescheduledCards: 2 };

function scripted(...responses: Response[]) {
  const requests: RequestInit[] = [];
  const fetch = (async (_url: string, init: RequestInit) => {
    requests.push(init);
    return responses.shift() ?? answer(500, {});
  }) as unknown as typeof globalThis.fetch;
  return { fetch, requests };
}

describe("submitCode", () => {
  it("posts only the exercise and the code, and returns the server's grade", async () => {
    const { fetch, requests } = scripted(answer(201, graded));
    const outcome = await submitCode("kl-divergence", "export const x = 1;", { fetch });
    expect(outcome).toEqual({ ok: true, submission: graded });
    expect(JSON.parse(requests[0]!.body as string)).toEqual({ exerciseId: "kl-divergence", code: "export const x = 1;", requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it("sends a request lost on the way (a broken connection, a load balancer's 502 or 504) again with the same requestId; a new press gets a new one", async () => {
    const requests: RequestInit[] = [];
    const script: Array<() => Response> = [
      () => {
        throw new TypeError("Failed to fetch");
      },
      () => answer(502, {}),
      () => answer(504, {}),
      () => answer(201, graded),
    ];
    const fetch = (async (_url: string, init: RequestInit) => {
      requests.push(init);
      return script.shift()!();
    }) as unknown as typeof globalThis.fetch;
    const waits: number[] = [];
    const outcome = await submitCode("kl-divergence", "x", { fetch, onRetry: (seconds) => waits.push(seconds), sleep: async () => undefined });
    expect(outcome).toEqual({ ok: true, submission: graded });
    const ids = requests.map((init) => (JSON.parse(init.body as string) as { requestId: string }).requestId);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(1);
    expect(waits).toEqual([1, 1, 1]);
    const again = scripted(answer(201, graded));
    await submitCode("kl-divergence", "x", { fetch: again.fetch });
    expect((JSON.parse(again.requests[0]!.body as string) as { requestId: string }).requestId).not.toBe(ids[0]);
    // Unreachable every time: the learner is told so once the attempts are spent.
    const offline = (async () => {
      throw new TypeError("Failed to fetch");
    }) as unknown as typeof globalThis.fetch;
    expect(await submitCode("kl-divergence", "x", { fetch: offline, maxAttempts: 3, sleep: async () => undefined })).toMatchObject({ ok: false, status: 0, message: expect.stringMatching(/could not be reached/) });
  });

  it("waits as Retry-After says while the grader is busy, telling the page each time", async () => {
    const busy = () => answer(503, { error: { code: "busy", message: "busy" } }, { "retry-after": "3" });
    const { fetch } = scripted(busy(), answer(429, { error: { code: "in_flight", message: "wait" } }, { "retry-after": "2" }), answer(201, graded));
    const waits: number[] = [];
    const slept: number[] = [];
    const outcome = await submitCode("kl-divergence", "x", { fetch, onRetry: (seconds) => waits.push(seconds), sleep: async (ms) => void slept.push(ms) });
    expect(outcome.ok).toBe(true);
    expect(waits).toEqual([3, 2]);
    expect(slept).toEqual([3000, 2000]);
  });

  it("gives up after maxAttempts with a message, and does not retry a refusal", async () => {
    const busy = () => answer(503, { error: { code: "busy", message: "busy" } }, { "retry-after": "1" });
    const gaveUp = await submitCode("kl-divergence", "x", { fetch: scripted(busy(), busy()).fetch, maxAttempts: 2, sleep: async () => undefined });
    expect(gaveUp).toMatchObject({ ok: false, status: 503, message: expect.stringMatching(/still busy/) });
    const refused = await submitCode("nope", "x", { fetch: scripted(answer(404, { error: { code: "exercise_not_found", message: "There is no exercise 'nope'." } })).fetch });
    expect(refused).toEqual({ ok: false, status: 404, message: "There is no exercise 'nope'." });
  });

  it("says a graded result that could not be stored as the server does, without retrying it", async () => {
    const message = "Your code was graded, but the result could not be saved, so nothing was stored. Submit again in a moment.";
    const { fetch, requests } = scripted(answer(503, { error: { code: "not_stored", message } }), answer(201, graded));
    expect(await submitCode("kl-divergence", "x", { fetch, sleep: async () => undefined })).toEqual({ ok: false, status: 503, message });
    expect(requests).toHaveLength(1);
  });

  it("polls a grade the server answered 202 for until its job ends: the stored submission, or why nothing was stored", async () => {
    const pending = { jobId: "j1", poll: "/api/jobs/j1" };
    const job = (status: string, extra: object = {}) => answer(200, { id: "j1", kind: "lab.grade", status, ...extra });
    const { fetch, requests } = scripted(answer(202, pending), job("queued"), job("running"), job("succeeded", { result: graded }));
    let told = 0;
    const outcome = await submitCode("kl-divergence", "x", { fetch, sleep: async () => undefined, onPending: () => told++ });
    expect(outcome).toEqual({ ok: true, submission: graded });
    expect(told).toBe(1);
    expect(requests).toHaveLength(4);

    const failed = await submitCode("kl-divergence", "x", {
      fetch: scripted(answer(202, pending), job("failed", { error: "The worker running this job stopped before it finished (tried 2 times). Try again." })).fetch,
      sleep: async () => undefined,
    });
    expect(failed).toMatchObject({ ok: false, status: 503, message: expect.stringMatching(/could not be graded, and nothing was stored\. The worker running this job stopped/) });
    const notYours = await submitCode("kl-divergence", "x", { fetch: scripted(answer(202, pending), answer(404, {})).fetch, sleep: async () => undefined });
    expect(notYours).toMatchObject({ ok: false, status: 404 });
  });

  it("makes a UUID v4 request id even where crypto.randomUUID is missing (plain HTTP on a LAN address)", () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(newRequestId()).toMatch(uuid);
    const original = crypto.randomUUID;
    Object.defineProperty(crypto, "randomUUID", { value: undefined, configurable: true });
    try {
      const ids = new Set(Array.from({ length: 50 }, () => newRequestId()));
      expect(ids.size).toBe(50);
      for (const id of ids) expect(id).toMatch(uuid);
    } finally {
      Object.defineProperty(crypto, "randomUUID", { value: original, configurable: true });
    }
  });

  it("reads Retry-After defensively", () => {
    expect(retryAfterSeconds("5")).toBe(5);
    expect(retryAfterSeconds(null)).toBe(2);
    expect(retryAfterSeconds("soon")).toBe(2);
    expect(retryAfterSeconds("3600")).toBe(30);
  });
});
