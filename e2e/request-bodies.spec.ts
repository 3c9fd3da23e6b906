// Request bodies against the production server: a body past a route's limit is refused after reading at most that
// limit from the stream (chunked bodies, which have no Content-Length, included), and text PostgreSQL cannot store
// is refused with a clear 422 instead of a 500. Nothing is written in either case.
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { sessionCookieOf } from "./support/accounts";
import { ORIGIN, rawRequest, serverActionId, serverRss, streamBody } from "./support/http";

const MiB = 1024 * 1024;

async function draftHtml(page: Page) {
  return (await page.request.get("/lab/kl-divergence")).text();
}

test("a 40 MiB chunked body is refused with 413 once past the route's limit, without being read or kept", async ({ page, signUp }) => {
  await signUp("big-body");
  const cookie = await sessionCookieOf(page);
  const headers = { cookie, origin: ORIGIN, "content-type": "application/json" };
  // Warm the route, then measure.
  const saved = await rawRequest("/api/lab/drafts/kl-divergence", { method: "PUT", headers, body: JSON.stringify({ code: "// KEPT_DRAFT" }) });
  expect(saved.status).toBe(200);
  const before = serverRss();

  const huge = await streamBody("/api/lab/drafts/kl-divergence", { method: "PUT", headers, totalBytes: 40 * MiB, prefix: '{"code":"' });
  expect(huge.status).toBe(413);
  expect(JSON.parse(huge.body).error.code).toBe("body_too_large");
  // The answer came while most of the body was still unsent: the server stopped reading at its limit.
  expect(huge.bytesSentBeforeResponse).toBeLessThan(12 * MiB);
  expect(serverRss() - before).toBeLessThan(24 * MiB);
  expect(await draftHtml(page)).toContain("KEPT_DRAFT");

  // Each route has its own limit: a review answer is small.
  const answer = await streamBody("/api/review/answer", { method: "POST", headers, totalBytes: 2 * MiB, prefix: '{"cardId":"' });
  expect(answer.status).toBe(413);

  // The submissions route keeps its own limit and message, chunked or not, and stores nothing.
  const code = "x".repeat(65 * 1024);
  const submission = await streamBody("/api/lab/submissions", { method: "POST", headers, totalBytes: 4 * MiB, prefix: `{"exerciseId":"kl-divergence","code":"${code}` });
  expect(submission.status).toBe(413);
  expect(JSON.parse(submission.body).error.message).toMatch(/at most 64 KB/);
  expect((await page.request.get("/api/lab/submissions?exercise=kl-divergence").then((r) => r.json())).submissions).toEqual([]);
});

test("a draft or a submission with text PostgreSQL cannot store is refused with 422 and changes nothing", async ({ page, signUp }) => {
  await signUp("nul");
  const cookie = await sessionCookieOf(page);
  const headers = { cookie, origin: ORIGIN, "content-type": "application/json" };
  const put = (code: string) => rawRequest("/api/lab/drafts/kl-divergence", { method: "PUT", headers, body: JSON.stringify({ code }) });
  expect((await put("// KEPT_DRAFT")).status).toBe(200);

  for (const [code, what] of [
    ["const a = 1;\n// NUL_DRAFT \u0000 here", /NUL/],
    ["const a = 1;\n// SURROGATE_DRAFT \ud800 here", /surrogate/i],
  ] as const) {
    const refused = await put(code);
    expect(refused.status).toBe(422);
    const { error } = JSON.parse(refused.body) as { error: { message: string; field: string } };
    expect(error.field).toBe("code");
    expect(error.message).toMatch(what);
    expect(error.message).toMatch(/line 2/);
  }
  const html = await draftHtml(page);
  expect(html).toContain("KEPT_DRAFT");
  expect(html).not.toContain("NUL_DRAFT");
  expect(html).not.toContain("SURROGATE_DRAFT");

  const submitted = await rawRequest("/api/lab/submissions", { method: "POST", headers, body: JSON.stringify({ exerciseId: "kl-divergence", code: "export const x = '\u0000';" }) });
  expect(submitted.status).toBe(422);
  expect((await page.request.get("/api/lab/submissions?exercise=kl-divergence").then((r) => r.json())).submissions).toEqual([]);
});

test("a server action's body past its limit (128 KB) is refused without being read whole", async () => {
  const headers = { "next-action": serverActionId("app/(auth)/signup/actions.ts", "signUp"), "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: ORIGIN };
  const call = (body: string) => rawRequest("/signup", { method: "POST", headers, body });
  const input = (name: string) => JSON.stringify([{ name, email: "someone@example.com", password: "short", timeZone: "UTC" }]);
  // Within the limit, the action runs and answers with its own messages.
  const small = await call(input("Ada"));
  expect(small.status).toBe(200);
  expect(small.body).toContain("Use at least 10 characters for your password.");
  const before = serverRss();

  // 200 KB of well-formed input: Next.js's default limit (1 MB) would have let the action run.
  const large = await call(input("a".repeat(200 * 1024)));
  expect(large.status).toBeGreaterThanOrEqual(400);
  expect(large.body).not.toContain("Keep your name under 100 characters.");

  const huge = await streamBody("/signup", { method: "POST", headers, totalBytes: 40 * MiB, prefix: '[{"name":"' });
  expect(huge.status).toBeGreaterThanOrEqual(400);
  expect(huge.bytesSentBeforeResponse).toBeLessThan(12 * MiB);
  expect(serverRss() - before).toBeLessThan(24 * MiB);
});
