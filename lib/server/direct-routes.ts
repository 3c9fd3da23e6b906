// Routes Latent's HTTP server answers itself, before Next.js: the review's answer, sent once per card by every learner
// reviewing (the busiest route by far). Next.js's per-request pipeline (its router, request and response adapters,
// the headers config) was 1.2–1.7 ms of the web server's 3.2–3.5 ms of CPU per review (docs/benchmarks.md,
// bench:review), and web Request/Response objects alone cost ~0.12 ms. The route's own checks and answers run as
// data (lib/http/json-route.ts `reply`: origin, content type, size, session, input, refusals), read from and written
// to Node's request and response, with the headers next.config.ts gives every API response, gzipped as Next.js would
// (from 1 KB, when the client accepts it: a card's rendered math makes answers of several KB). Framework-free:
// nothing here loads React or Next.js into the server's own module graph, beside Next.js's bundled copies.
import type http from "node:http";
import zlib from "node:zlib";
import { readNodeBodyText } from "@/lib/http/body";
import type { JsonReply, JsonRequest } from "@/lib/http/json-route";
import { NOTHING_POLICY, SITE_HEADERS } from "@/lib/http/security-headers";
import { answerRoute } from "@/lib/review/answer-route";

export type DirectRoute = (request: JsonRequest) => Promise<JsonReply>;

// Exact paths only: anything Next.js would normalize first (a trailing slash, percent-encoding) goes to Next.js,
// which serves the same handler from the route file. Other methods too (Next.js answers 405 with Allow).
const ROUTES: Record<string, Partial<Record<string, DirectRoute>>> = {
  "/api/review/answer": { POST: answerRoute.reply },
};

const API_HEADERS: Record<string, string> = Object.fromEntries([
  ...SITE_HEADERS.map(({ key, value }) => [key.toLowerCase(), value]),
  ["content-security-policy", NOTHING_POLICY],
  ["vary", "Accept-Encoding"],
]);

const GZIP_FROM_BYTES = 1024;

/** The route this server answers `req` with itself, or null when Next.js answers it. */
export function directRoute(req: http.IncomingMessage): DirectRoute | null {
  const url = req.url ?? "";
  const query = url.indexOf("?");
  return ROUTES[query < 0 ? url : url.slice(0, query)]?.[req.method ?? ""] ?? null;
}

/** Whether Accept-Encoding allows gzip (by name or `*`, with a quality above 0). */
export function acceptsGzip(header: string | undefined): boolean {
  for (const part of (header ?? "").toLowerCase().split(",")) {
    const [coding, ...params] = part.split(";").map((item) => item.trim());
    if (coding !== "gzip" && coding !== "*") continue;
    const quality = params.find((param) => param.startsWith("q="));
    return quality === undefined || Number(quality.slice(2)) > 0;
  }
  return false;
}

function jsonRequest(req: http.IncomingMessage): JsonRequest {
  const header = (name: string) => {
    const value = req.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  };
  let url: string;
  try {
    url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`).href;
  } catch {
    url = new URL(req.url ?? "/", "http://localhost").href;
  }
  return { method: req.method ?? "GET", url, headers: { get: header }, readBody: (maxBytes) => readNodeBodyText(req, maxBytes) };
}

/** Answers `req` with `route`; an unexpected failure is logged and answered 500, as Next.js would. */
export async function serveDirect(route: DirectRoute, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  let reply: JsonReply;
  try {
    reply = await route(jsonRequest(req));
  } catch (error) {
    console.error(error);
    reply = { status: 500, json: { error: { code: "internal", message: "Something went wrong on our side. Try again in a moment." } } };
  }
  const headers: Record<string, string> = { ...API_HEADERS };
  let status: number;
  let body: string | Buffer;
  if (reply instanceof Response) {
    status = reply.status;
    reply.headers.forEach((value, name) => {
      headers[name] = value;
    });
    body = Buffer.from(await reply.arrayBuffer());
  } else {
    status = reply.status;
    headers["content-type"] = "application/json";
    for (const [name, value] of Object.entries(reply.headers ?? {})) headers[name.toLowerCase()] = value;
    body = JSON.stringify(reply.json);
  }
  if (Buffer.byteLength(body) >= GZIP_FROM_BYTES && acceptsGzip(req.headers["accept-encoding"])) {
    body = zlib.gzipSync(body);
    headers["content-encoding"] = "gzip";
  }
  headers["content-length"] = String(Buffer.byteLength(body));
  res.writeHead(status, headers).end(body);
}
