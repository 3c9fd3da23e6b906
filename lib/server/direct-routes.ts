// Routes Latent's HTTP server answers itself, before Next.js: the review's answer, sent once per card by every learner
// reviewing (the busiest route by far). Next.js's per-request pipeline (its router, request and response adapters,
// the headers config) was 1.2–1.7 ms of the web server's 3.2–3.5 ms of CPU per review (docs/benchmarks.md,
// bench:review). The handler is the route file's own (lib/http/json-route.ts: origin, content type, size, session,
// input, refusals), and the answer carries the headers next.config.ts gives every API response, gzipped as Next.js
// would (from 1 KB, when the client accepts it: a card's rendered math makes answers of several KB). Framework-free:
// nothing here loads React or Next.js into the server's own module graph, beside Next.js's bundled copies.
import type http from "node:http";
import zlib from "node:zlib";
import { jsonError } from "@/lib/http/json-route";
import { NOTHING_POLICY, SITE_HEADERS } from "@/lib/http/security-headers";
import { answerRoute } from "@/lib/review/answer-route";

type RouteHandler = (request: Request) => Promise<Response>;

// Exact paths only: anything Next.js would normalize first (a trailing slash, percent-encoding) goes to Next.js,
// which serves the same handler from the route file. Other methods too (Next.js answers 405 with Allow).
const ROUTES: Record<string, Partial<Record<string, RouteHandler>>> = {
  "/api/review/answer": { POST: answerRoute },
};

const API_HEADERS: Record<string, string> = Object.fromEntries([
  ...SITE_HEADERS.map(({ key, value }) => [key.toLowerCase(), value]),
  ["content-security-policy", NOTHING_POLICY],
]);

/** The handler this server answers `req` with itself, or null when Next.js answers it. */
export function directRoute(req: http.IncomingMessage): RouteHandler | null {
  const url = req.url ?? "";
  const query = url.indexOf("?");
  return ROUTES[query < 0 ? url : url.slice(0, query)]?.[req.method ?? ""] ?? null;
}

// The request body as a web stream that reads from the socket only as fast as the handler takes it: a handler that
// stops reading at its limit (readBodyText) leaves the rest unread, as under Next.js.
function bodyStream(req: http.IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on("data", (chunk: Buffer) => {
          try {
            controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          } catch {
            return; // the handler cancelled the stream: the rest is not read
          }
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once("end", () => controller.close());
        req.once("error", (error) => controller.error(error));
        req.pause();
      },
      pull() {
        req.resume();
      },
      cancel() {
        req.pause();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 16 * 1024 }),
  );
}

function webRequest(req: http.IncomingMessage): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  let url: URL;
  try {
    url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  } catch {
    url = new URL(req.url ?? "/", "http://localhost");
  }
  return new Request(url, { method: req.method, headers, body: bodyStream(req), duplex: "half" } as RequestInit);
}

// Whether Accept-Encoding allows gzip (by name or `*`, with a quality above 0).
export function acceptsGzip(header: string | undefined): boolean {
  for (const part of (header ?? "").toLowerCase().split(",")) {
    const [coding, ...params] = part.split(";").map((item) => item.trim());
    if (coding !== "gzip" && coding !== "*") continue;
    const quality = params.find((param) => param.startsWith("q="));
    return quality === undefined || Number(quality.slice(2)) > 0;
  }
  return false;
}

const GZIP_FROM_BYTES = 1024;

/** Answers `req` with `handler`; an unexpected failure is logged and answered 500, as Next.js would. */
export async function serveDirect(handler: RouteHandler, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  let response: Response;
  try {
    response = await handler(webRequest(req));
  } catch (error) {
    console.error(error);
    response = jsonError(500, "Something went wrong on our side. Try again in a moment.", "internal");
  }
  let body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = { ...API_HEADERS, vary: "Accept-Encoding" };
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (body.byteLength >= GZIP_FROM_BYTES && acceptsGzip(req.headers["accept-encoding"])) {
    body = zlib.gzipSync(body);
    headers["content-encoding"] = "gzip";
  }
  headers["content-length"] = String(body.byteLength);
  res.writeHead(response.status, headers).end(body);
}
