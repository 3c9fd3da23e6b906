// Autosave as the editor uses it: the real route handler and PostgreSQL, a real next-auth session cookie.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/session";
import { createUser } from "@/lib/auth/accounts";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { getDraft, MAX_CODE_BYTES } from "@/lib/lab/catalog";

import { sessionCookie } from "@/lib/auth/testing";

import { PUT } from "./route";

let t: TestDatabase;
let ada: CurrentUser;
let bob: CurrentUser;

// The session cookie every request below carries: a real next-auth token, checked by the route as in production.
let cookie = "";
const as = async (user: CurrentUser | null) => (cookie = user ? await sessionCookie(user.id) : "");
const put = (id: string, body: unknown) =>
  PUT(new Request(`http://latent.test/api/lab/drafts/${id}`, { method: "PUT", body: JSON.stringify(body), headers: { "content-type": "application/json", cookie } }), {
    params: Promise.resolve({ id }),
  });

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
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain("no-such-exercise");
    expect((await put("../kl-divergence", { code: "x" })).status).toBe(404);
    expect(await t.db.labDraft.count({ where: { exerciseId: { not: "kl-divergence" } } })).toBe(0);
  });

  it("refuses code over 64 KB (counted in UTF-8 bytes) with a message, and accepts exactly 64 KB", async () => {
    await as(ada);
    const tooBig = await put("kl-divergence", { code: "é".repeat(MAX_CODE_BYTES / 2 + 1) });
    expect(tooBig.status).toBe(400);
    expect(((await tooBig.json()) as { error: { message: string } }).error.message).toMatch(/larger than 64 KB/);
    expect((await getDraft(t.db, ada.id, "kl-divergence"))?.code).toBe("// second");
    expect((await put("kl-divergence", { code: "a".repeat(MAX_CODE_BYTES) })).status).toBe(200);
  });

  it("answers 400 when the code is missing", async () => {
    await as(ada);
    const missing = await put("kl-divergence", {});
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { field: string } }).error.field).toBe("code");
  });
});
