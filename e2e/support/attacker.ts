// A hostile page on another origin of the same host (http://localhost:<other port>). Browsers treat another port
// of the same host as the same *site*, so SameSite=Lax session cookies still ride along on its requests: only the
// server's own origin checks stand between such a page and a learner's data.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type AttackerSite = { origin: string; url(path: string): string; serve(path: string, html: string): void; close(): Promise<void> };

export async function attackerSite(): Promise<AttackerSite> {
  const pages = new Map<string, string>();
  const server = http.createServer((req, res) => {
    const html = pages.get((req.url ?? "/").split("?")[0]!);
    res.writeHead(html === undefined ? 404 : 200, { "content-type": "text/html; charset=utf-8" });
    res.end(html ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    serve: (path, html) => void pages.set(path, html),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** HTML that escapes a string for an attribute value. */
export const attr = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
