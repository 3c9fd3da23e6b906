// The routes Latent's server answers itself, over real HTTP (a Node server with only them), against PostgreSQL with
// real session cookies: the same checks as under Next.js (who, origin, content type, size, input), the same headers
// as every API answer, and a body past the limit left unread.
import http from "node:http";
import net from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/accounts";
import { decodeSessionToken } from "@/lib/auth/request-session";
import { endSession } from "@/lib/auth/sessions";
import { sameOriginHeaders, sessionCookie } from "@/lib/auth/testing";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { SITE_HEADERS } from "@/lib/http/security-headers";
import { ensureCards } from "@/lib/review/cards";
import { loadQueue } from "@/lib/review/queue";
import { acceptsGzip, directRoute, serveDirect } from "./direct-routes";

let t: TestDatabase;
let server: http.Server;
let base = "";
let ada = "";
let bob = "";

beforeAll(async () => {
  t = await createTestDatabase();
  (globalThis as unknown as { latentDb?: unknown }).latentDb = t.db; // what getDb() returns
  const deck = await t.db.deck.create({ data: { slug: "d", title: "Deck", tags: [], sourcePath: "content/d.md", contentHash: "x" } });
  // Long answers, as rendered math makes them: an answer with the next card is then past the 1 KB gzip threshold.
  for (let n = 1; n <= 3; n++) {
    const answer = `A${n} `.repeat(400);
    await t.db.note.create({ data: { deckId: deck.id, number: n, position: n, question: `Q${n}?`, answerMarkdown: answer, answerHtml: `<p>${answer}</p>`, sourceLine: n } });
  }
  ada = (await createUser(t.db, { email: "ada@example.com" })).id;
  bob = (await createUser(t.db, { email: "bob@example.com" })).id;
  for (const id of [ada, bob]) await ensureCards(t.db, id);
  server = http.createServer((req, res) => {
    const route = directRoute(req);
    if (!route) return void res.writeHead(404).end("not direct");
    void serveDirect(route, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.drop();
});

const answerUrl = () => `${base}/api/review/answer`;
const post = async (body: string, headers: Record<string, string>) => {
  const response = await fetch(answerUrl(), { method: "POST", headers, body });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
};
const shown = async (userId: string) => (await loadQueue(t.db, userId)).card!;

describe("directRoute", () => {
  const request = (method: string, url: string) => ({ method, url }) as http.IncomingMessage;
  it("takes the answer route's exact path with POST, with or without a query, and leaves everything else to Next.js", () => {
    expect(directRoute(request("POST", "/api/review/answer"))).not.toBeNull();
    expect(directRoute(request("POST", "/api/review/answer?x=1"))).not.toBeNull();
    for (const [method, url] of [["GET", "/api/review/answer"], ["OPTIONS", "/api/review/answer"], ["POST", "/api/review/answer/"], ["POST", "/api/review/%61nswer"], ["POST", "/api/review/undo"], ["POST", "//api/review/answer"]]) {
      expect(directRoute(request(method!, url!)), `${method} ${url}`).toBeNull();
    }
  });
});

describe("acceptsGzip", () => {
  it("reads Accept-Encoding as the compression Next.js uses does", () => {
    for (const yes of ["gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.5", "*", "identity, *;q=0.1"]) expect(acceptsGzip(yes), yes).toBe(true);
    for (const no of [undefined, "", "br", "identity", "gzip;q=0", "gzip;q=0.0, br"]) expect(acceptsGzip(no), String(no)).toBe(false);
  });
});

/** A raw POST (no automatic decompression), to see the bytes the server sends. */
function rawPost(body: string | Buffer, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.request(answerUrl(), { method: "POST", headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

describe("POST /api/review/answer, answered by Latent's server", () => {
  it("answers the learner's card and returns the next one, with every API answer's security headers", async () => {
    const card = await shown(ada);
    const answered = await post(JSON.stringify({ cardId: card.id, version: card.version, rating: 3, durationMs: 1200 }), { ...sameOriginHeaders(answerUrl()), cookie: await sessionCookie(ada) });
    expect(answered.status).toBe(200);
    expect(answered.body.answered).toMatchObject({ cardId: card.id, version: card.version + 1 });
    expect((answered.body.queue as { card: { id: string } }).card.id).not.toBe(card.id);
    expect(await t.db.reviewLog.count({ where: { userId: ada } })).toBe(1);
    expect(answered.headers.get("content-type")).toMatch(/^application\/json/);
    for (const { key, value } of SITE_HEADERS) expect(answered.headers.get(key)).toBe(value);
    expect(answered.headers.get("content-security-policy")).toMatch(/default-src 'none'/);
  });

  it("gzips an answer of 1 KB or more when the client accepts gzip, and only then", async () => {
    const cookie = await sessionCookie(ada);
    for (const encoding of ["gzip, deflate, br", "identity"]) {
      const card = await shown(ada);
      const body = JSON.stringify({ cardId: card.id, version: card.version, rating: 3, durationMs: 1200 });
      const answered = await rawPost(body, { ...sameOriginHeaders(answerUrl()), cookie, "accept-encoding": encoding });
      expect(answered.status).toBe(200);
      expect(answered.headers.vary).toBe("Accept-Encoding");
      expect(Number(answered.headers["content-length"])).toBe(answered.body.byteLength);
      const gzipped = encoding.startsWith("gzip");
      expect(answered.headers["content-encoding"]).toBe(gzipped ? "gzip" : undefined);
      const json = (gzipped ? zlib.gunzipSync(answered.body) : answered.body).toString();
      expect(json.length).toBeGreaterThan(1024);
      expect(JSON.parse(json)).toMatchObject({ answered: { cardId: card.id } });
    }
  });

  it("refuses without a session, from another site, without JSON, and another learner's card; nothing changes", async () => {
    const card = await shown(bob);
    const body = JSON.stringify({ cardId: card.id, version: card.version, rating: 3, durationMs: 1200 });
    const same = sameOriginHeaders(answerUrl());
    const adaCookie = await sessionCookie(ada);
    const cases: Array<[number, string, Record<string, string>]> = [
      [401, "unauthenticated", same],
      [403, "cross_site", { ...same, origin: "http://evil.example", cookie: await sessionCookie(bob) }],
      [403, "cross_site", { "content-type": "application/json", "sec-fetch-site": "same-site", cookie: await sessionCookie(bob) }],
      [415, "unsupported_media_type", { ...same, "content-type": "text/plain", cookie: await sessionCookie(bob) }],
      [404, "card_not_found", { ...same, cookie: adaCookie }],
    ];
    for (const [status, code, headers] of cases) {
      const refused = await post(body, headers);
      expect(refused.status, code).toBe(status);
      expect((refused.body.error as { code: string }).code).toBe(code);
      expect(refused.headers.get("x-content-type-options")).toBe("nosniff");
    }
    expect(await t.db.reviewLog.count({ where: { userId: bob } })).toBe(0);
    const invalid = await post(JSON.stringify({ cardId: card.id, version: card.version, rating: 7 }), { ...same, cookie: await sessionCookie(bob) });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({ code: "invalid_input", field: "rating" });
  });

  it("refuses a session signed out or past its lifetime with 401, in the answer's own statement, and writes nothing", async () => {
    const card = await shown(bob);
    const body = JSON.stringify({ cardId: card.id, version: card.version, rating: 3, durationMs: 1200 });
    const signedOut = await sessionCookie(bob);
    const { sid } = await decodeSessionToken(decodeURIComponent(signedOut.split("=")[1]!), process.env.NEXTAUTH_SECRET!);
    await endSession(t.db, String(sid));
    const expired = await sessionCookie(bob);
    const { sid: expiredSid } = await decodeSessionToken(decodeURIComponent(expired.split("=")[1]!), process.env.NEXTAUTH_SECRET!);
    await t.db.authSession.update({ where: { id: String(expiredSid) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    // Another learner's live session does not stand in for this one: the session must be the cookie's own user's.
    const forged = await sessionCookie(bob);
    await t.db.authSession.update({ where: { id: String((await decodeSessionToken(decodeURIComponent(forged.split("=")[1]!), process.env.NEXTAUTH_SECRET!)).sid) }, data: { userId: ada } });
    for (const cookie of [signedOut, expired, forged]) {
      const refused = await post(body, { ...sameOriginHeaders(answerUrl()), cookie });
      expect(refused.status).toBe(401);
      expect(refused.body.error).toMatchObject({ code: "unauthenticated" });
    }
    expect(await t.db.reviewLog.count({ where: { userId: bob } })).toBe(0);
    expect((await t.db.card.findUniqueOrThrow({ where: { id: card.id } })).version).toBe(card.version);
    // The same card answers with a live session.
    expect((await post(body, { ...sameOriginHeaders(answerUrl()), cookie: await sessionCookie(bob) })).status).toBe(200);
  });

  it("reads the body as the route's limits say: not UTF-8 is 400, a declared length past the limit 413 unread", async () => {
    const cookie = await sessionCookie(ada);
    const notUtf8 = await rawPost(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), { ...sameOriginHeaders(answerUrl()), cookie });
    expect(notUtf8.status).toBe(400);
    expect(JSON.parse(notUtf8.body.toString())).toMatchObject({ error: { code: "bad_json", message: expect.stringMatching(/UTF-8/) } });
    const large = await rawPost("x".repeat(40 * 1024), { ...sameOriginHeaders(answerUrl()), cookie });
    expect(large.status).toBe(413);
    expect(JSON.parse(large.body.toString())).toMatchObject({ error: { code: "body_too_large" } });
    const notJson = await rawPost("{rating: 3", { ...sameOriginHeaders(answerUrl()), cookie });
    expect(JSON.parse(notJson.body.toString())).toMatchObject({ error: { code: "bad_json", message: expect.stringMatching(/not valid JSON/) } });
  });

  it("refuses a chunked body past the route's limit with 413 before reading it all", async () => {
    const cookie = await sessionCookie(ada);
    const { port } = new URL(base);
    const socket = net.connect(Number(port), "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString()));
    socket.on("error", () => undefined);
    const origin = sameOriginHeaders(answerUrl()).origin;
    socket.write(`POST /api/review/answer HTTP/1.1\r\nHost: ${new URL(base).host}\r\nOrigin: ${origin}\r\nContent-Type: application/json\r\nCookie: ${cookie}\r\nTransfer-Encoding: chunked\r\n\r\n`);
    const chunk = "x".repeat(64 * 1024);
    let sent = 0;
    // Keep sending until the server answers; it must answer long before 8 MiB.
    while (!answer.includes("\r\n\r\n") && sent < 8 * 1024 * 1024) {
      socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      sent += chunk.length;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    socket.destroy();
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toContain("body_too_large");
    expect(sent).toBeLessThan(8 * 1024 * 1024);
  });
});
