import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startRoundRobinProxy, type RoundRobinProxy } from "./round-robin-proxy";

type Upstream = { name: string; port: number; server: http.Server; seen: string[] };

async function upstream(name: string, handler?: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Upstream> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      seen.push(`${req.method} ${req.url} ${body}`);
      if (handler) return handler(req, res);
      res.writeHead(200, { "content-type": "text/plain", "x-upstream": name }).end(`${name}:${body}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { name, port: (server.address() as AddressInfo).port, server, seen };
}

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const item of open.splice(0)) await item.close();
});

async function proxyFor(upstreams: Upstream[]): Promise<RoundRobinProxy> {
  const proxy = await startRoundRobinProxy({ upstreams: upstreams.map((u) => u.port) });
  open.push(proxy, ...upstreams.map((u) => ({ close: () => new Promise((resolve) => { u.server.closeAllConnections(); u.server.close(resolve); }) })));
  return proxy;
}

const post = (port: number, body: string) =>
  fetch(`http://127.0.0.1:${port}/api/thing?x=1`, { method: "POST", body, headers: { "content-type": "text/plain" } });

describe("the round-robin proxy", () => {
  it("sends requests to each upstream in turn, with their method, path, headers and body", async () => {
    const [a, b] = [await upstream("a"), await upstream("b")];
    const proxy = await proxyFor([a, b]);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await (await post(proxy.port, `n${i}`)).text());
    expect(answers).toEqual(["a:n0", "b:n1", "a:n2", "b:n3"]);
    expect(a.seen).toEqual(["POST /api/thing?x=1 n0", "POST /api/thing?x=1 n2"]);
    expect(proxy.stats()).toEqual({ answered: [2, 2], badGateway: 0 });
  });

  it("sends a request whose upstream refuses the connection to the next one, which alone gets it", async () => {
    const [a, b] = [await upstream("a"), await upstream("b")];
    const proxy = await proxyFor([a, b]);
    await new Promise((resolve) => a.server.close(resolve));
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await (await post(proxy.port, `n${i}`)).text());
    expect(answers).toEqual(["b:n0", "b:n1", "b:n2"]);
    expect(a.seen).toEqual([]);
  });

  it("answers 502, without retrying, when the upstream breaks the connection after it got the request", async () => {
    const broken = await upstream("broken", (req) => req.socket.destroy());
    const b = await upstream("b");
    const proxy = await proxyFor([broken, b]);
    const response = await post(proxy.port, "once");
    expect(response.status).toBe(502);
    expect(await response.text()).toMatch(/stopped answering/);
    expect(broken.seen).toEqual(["POST /api/thing?x=1 once"]);
    expect(b.seen).toEqual([]);
    expect(proxy.stats().badGateway).toBe(1);
  });
});
