// A small round-robin HTTP proxy on localhost, for running several app servers behind one address on one machine:
// bench:cluster and the multi-node test. Not for production (there, a real load balancer: docs/scaling.md).
//
// Each request goes to the next upstream in turn. The request body is read first (bounded), so a request whose
// upstream refuses the connection is sent to the next one (the refusing one never saw it); an upstream that
// refused is skipped for `downMs`. A connection that breaks after the request was sent is not retried here (the
// upstream may have acted on it): the client gets a 502 and decides, as it would behind a real load balancer.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type RoundRobinProxy = {
  port: number;
  /** How many requests each upstream answered, and how many ended in a 502 from the proxy. */
  stats(): { answered: number[]; badGateway: number };
  close(): Promise<void>;
};

export type RoundRobinProxyOptions = {
  /** The upstreams' ports on 127.0.0.1. */
  upstreams: readonly number[];
  /** The proxy's port (0: any free one). */
  port?: number;
  downMs?: number;
  maxBodyBytes?: number;
};

const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"]);

export async function startRoundRobinProxy(options: RoundRobinProxyOptions): Promise<RoundRobinProxy> {
  if (options.upstreams.length === 0) throw new Error("A proxy needs at least one upstream");
  const downMs = options.downMs ?? 1_000;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const downUntil = options.upstreams.map(() => 0);
  const answered = options.upstreams.map(() => 0);
  let badGateway = 0;
  let next = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  const pick = (tried: Set<number>): number | null => {
    const now = Date.now();
    for (let step = 0; step < options.upstreams.length; step++) {
      const index = (next + step) % options.upstreams.length;
      if (!tried.has(index) && downUntil[index]! <= now) {
        next = (index + 1) % options.upstreams.length;
        return index;
      }
    }
    // Every untried upstream is marked down: try one anyway rather than refuse (it may be back).
    for (let index = 0; index < options.upstreams.length; index++) if (!tried.has(index)) return index;
    return null;
  };

  const fail = (res: http.ServerResponse, status: number, message: string) => {
    if (status === 502) badGateway++;
    if (!res.headersSent) res.writeHead(status, { "content-type": "text/plain; charset=utf-8", connection: "close" }).end(message);
    else res.destroy();
  };

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, tried: Set<number>) => {
    const index = pick(tried);
    if (index === null) return fail(res, 502, "No upstream accepted the connection.");
    tried.add(index);
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
    headers["content-length"] = String(body.length);
    let sent = false;
    const upstream = http.request(
      { host: "127.0.0.1", port: options.upstreams[index], method: req.method, path: req.url, headers, agent },
      (answer) => {
        const out: http.OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(answer.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = value;
        res.writeHead(answer.statusCode ?? 502, out);
        answer.pipe(res);
        answer.on("end", () => answered[index]!++);
        answer.on("error", () => res.destroy());
        answer.on("aborted", () => res.destroy());
      },
    );
    upstream.on("socket", (socket) => {
      if (socket.connecting) socket.once("connect", () => (sent = true));
      else sent = true;
    });
    upstream.on("error", (error: NodeJS.ErrnoException) => {
      if (!sent && (error.code === "ECONNREFUSED" || error.code === "ECONNRESET")) {
        downUntil[index] = Date.now() + downMs;
        return forward(req, res, body, tried);
      }
      fail(res, 502, `The app server stopped answering (${error.code ?? error.message}).`);
    });
    upstream.end(body);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        fail(res, 413, "Request body too large for the proxy.");
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (size <= maxBodyBytes) forward(req, res, Buffer.concat(chunks), new Set());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    stats: () => ({ answered: [...answered], badGateway }),
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
