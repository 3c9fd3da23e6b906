// Autosave as the editor uses it: the real route handler and PostgreSQL, a real next-auth session cookie.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/session";
import { createUser } from "@/lib/auth/accounts";
import { endAllSessions, endSession } from "@/lib/auth/sessions";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { getDraft } from "@/lib/lab/drafts";
import { MAX_CODE_BYTES } from "@/lib/lab/runner/limits";

import { decodeSessionToken } from "@/lib/auth/session";
import { sameOriginHeaders, sessionCookie } from "@/lib/auth/testing";

import { PUT } from "./route";

let t: TestDatabase;
let ada: CurrentUser;
let bob: CurrentUser;

// The session cookie every request below carries: a real next-auth token, checked by the route as in production.
let cookie = "";
const as = async (user: CurrentUser | null) => (cookie = user ? await sessionCookie(user.id) : "");
const url = (id: string) => `http://latent.test/api/lab/drafts/${id}`;
const send = (id: string, init: { body: BodyInit; headers?: Record<string, string> }) =>
  PUT(new Request(url(id), { method: "PUT", duplex: "half", ...init, headers: { ...sameOriginHeaders(url(id)), cookie, ...init.headers } } as RequestInit), {
    params: Promise.resolve({ id }),
  });
const put = (id: string, body: unknown, headers: Record<string, string> = {}) => send(id, { body: JSON.stringify(body), headers });
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string; field?: string } }).error;

beforeAll(async () => {
  t = await createTestDatabase();
  (globalThis as unknown as { latentDb?: unknown }).latentDb = t.db; // what getDb() returns
  const learner = async (email: string): Promise<CurrentUser> => ({ id: (await createUser(t.db, { email })).id, email, name: null, role: "LEARNER" });
  ada = await learner("ada@example.com");
  bob = await learner("bob@example.com");
});
afterAll(() => t.drop());

describe("PUT /api/lab/drafts/[id]", () => {
  it("answers 401 without a session and saves nothing", async () => {
    await as(null);
    expect((await put("kl-divergence", { code: "x" })).status).toBe(401);
    expect(await t.db.labDraft.count()).toBe(0);
  });

  it("saves a learner's code and replaces it on the next save", async () => {
    await as(ada);
    const first = await put("kl-divergence", { code: "// first" });
    expect(first.status).toBe(200);
    expect(typeof ((await first.json()) as { savedAt: string }).savedAt).toBe("string");
    expect((await put("kl-divergence", { code: "// second" })).status).toBe(200);
    expect((await getDraft(t.db, ada.id, "kl-divergence"))?.code).toBe("// second");
  });

  it("keeps each learner's draft to that learner", async () => {
    await as(bob);
    expect((await put("kl-divergence", { code: "// bob's" })).status).toBe(200);
    expect((await getDraft(t.db, ada.id, "kl-divergence"))?.code).toBe("// second");
    expect((await getDraft(t.db, bob.id, "kl-divergence"))?.code).toBe("// bob's");
  });

  it("answers 404 for an exercise that does not exist, a path-like id included", async () => {
    await as(ada);
    const unknown = await put("no-such-exercise", { code: "x" });
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).message).toContain("no-such-exercise");
    expect((await put("../kl-divergence", { code: "x" })).status).toBe(404);
    expect(await t.db.labDraft.count({ where: { exerciseId: { not: "kl-divergence" } } })).toBe(0);
  });

  it("refuses code over 64 KB (counted in UTF-8 bytes) with a message, and accepts exactly 64 KB", async () => {
    await as(ada);
    const tooBig = await put("kl-divergence", { code: "é".repeat(MAX_CODE_BYTES / 2 + 1) });
    expect(tooBig.status).toBe(400);
    expect((await errorOf(tooBig)).message).toMatch(/larger than 64 KB/);
    expect((await getDraft(t.db, ada.id, "kl-divergence"))?.code).toBe("// second");
    expect((await put("kl-divergence", { code: "a".repeat(MAX_CODE_BYTES) })).status).toBe(200);
    await put("kl-divergence", { code: "// second" });
  });

  it("answers 400 when the code is missing", async () => {
    await as(ada);
    const missing = await put("kl-divergence", {});
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).field).toBe("code");
  });

  it("refuses a request from another site (403) or that is not JSON (415), saving nothing", async () => {
    await as(ada);
    const forged: Array<{ headers: Record<string, string>; status: number; code: string }> = [
      { headers: { origin: "http://evil.example", "content-type": "text/plain" }, status: 403, code: "cross_site" },
      { headers: { origin: "http://evil.example" }, status: 403, code: "cross_site" },
      { headers: { origin: "null" }, status: 403, code: "cross_site" },
      { headers: { "sec-fetch-site": "same-site" }, status: 403, code: "cross_site" },
      { headers: { "content-type": "text/plain" }, status: 415, code: "unsupported_media_type" },
      { headers: { "content-type": "application/x-www-form-urlencoded" }, status: 415, code: "unsupported_media_type" },
    ];
    for (const { headers, status, code } of forged) {
      const response = await send("kl-divergence", { body: JSON.stringify({ code: "// forged" }), headers });
      expect(response.status, JSON.stringify(headers)).toBe(status);
      expect((await errorOf(response)).code).toBe(code);
    }
    expect((await getDraft(t.db, ada.id, "kl-divergence"))?.code).toBe("// second");
  });

  it("refuses a body past its limit (413) after reading at most that much of a stream with no Content-Length", async () => {
    await as(ada);
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"code":"'));
      },
      async pull(controller) {
        await new Promise((resolve) => setTimeout(resolve, 1)); // as from a network: a chunk at a time
        pulled += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(97));
      },
    });
    const response = await send("kl-divergence", { body });
    expect(response.status).toBe(413);
    expect((await errorOf(response)).message).toMatch(/larger than 64 KB; it was not saved/);
    expect(pulled).toBeLessThan(16 * MAX_CODE_BYTES);
    expect((await getDraft(t.db, ada.id, "kl-divergence"))?.code).toBe("// second");
  });

  it("refuses code PostgreSQL cannot store (NUL, a lone surrogate) with 422 and where it is, keeping the saved draft", async () => {
    await as(ada);
    for (const [code, what] of [
      ["ok\nconst x = '\u0000';", /line 2 contains a NUL character \(U\+0000\)/],
      ["ok\nok\n// \ud83d alone", /line 3 contains a lone UTF-16 surrogate/],
      ["// \udc00 trailing half", /line 1 contains a lone UTF-16 surrogate/],
    ] as const) {
      const response = await put("kl-divergence", { code });
      expect(response.status).toBe(422);
      const error = await errorOf(response);
      expect(error).toMatchObject({ code: "unprocessable", field: "code" });
      expect(error.message).toMatch(what);
    }
    // A whole character made of two surrogates is fine.
    expect((await put("kl-divergence", { code: "// 🙂 fine" })).status).toBe(200);
    expect((await getDraft(t.db, ada.id, "kl-divergence"))?.code).toBe("// 🙂 fine");
  });

  it("answers 401 to a cookie whose session ended: signed out, or signed out everywhere", async () => {
    const first = await sessionCookie(ada.id);
    const second = await sessionCookie(ada.id);
    const bobs = await sessionCookie(bob.id);
    const withCookie = (value: string) => send("kl-divergence", { body: JSON.stringify({ code: "// after sign-out" }), headers: { cookie: value } });
    expect((await withCookie(first)).status).toBe(200);

    const { sid } = await decodeSessionToken(first.split("=")[1]!, process.env.NEXTAUTH_SECRET!);
    await endSession(t.db, String(sid));
    expect((await withCookie(first)).status).toBe(401);
    expect((await withCookie(second)).status).toBe(200);

    expect(await endAllSessions(t.db, ada.id)).toBeGreaterThanOrEqual(1);
    expect((await withCookie(second)).status).toBe(401);
    expect((await withCookie(bobs)).status).toBe(200);
  });
});
