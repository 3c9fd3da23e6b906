// Latent's web server: Next.js's request handler behind a Node HTTP server of our own, so that the client's address
// Next.js sees (X-Forwarded-For) comes from the socket or a trusted proxy, never from the client
// (client-address.ts), and so that the busiest route, the review's answer, is answered without Next.js's per-request
// pipeline (direct-routes.ts). Otherwise the same as `next start` / `next dev`: Next.js's own router and handlers.
import http from "node:http";
import next from "next";
import { checkSharedSecret } from "@/lib/auth/shared-secret";
import { getDb } from "@/lib/db";
import { settleForwardingHeaders, trustedProxyCount } from "./client-address";
import { directRoute, serveDirect } from "./direct-routes";

export async function startWebServer(options: { dev: boolean; port: number; log: (line: string) => void }): Promise<http.Server> {
  const trusted = trustedProxyCount();
  // Before anything is served: every node of an instance must share the auth secret (shared-secret.ts).
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: `npm start` generates one into .env.local; a server started otherwise needs it in its environment.");
  const replace = process.env.LATENT_NEW_AUTH_SECRET === "1" || process.env.LATENT_EMBEDDED_DATABASE === "1";
  if ((await checkSharedSecret(getDb(), secret, { replaceOnMismatch: replace })) === "replaced") {
    options.log("The auth secret changed since this database last ran: everyone signed in before must sign in again.");
  }
  const app = next({ dev: options.dev, dir: process.cwd(), hostname: "localhost", port: options.port, ...(options.dev ? { turbopack: true } : {}) });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();
  let warned = false;
  const server = http.createServer((req, res) => {
    if (trusted === 0 && !warned && req.headers["x-forwarded-for"]) {
      warned = true;
      options.log("A request carried X-Forwarded-For, which is ignored: if a reverse proxy sets it, set LATENT_TRUST_PROXY=1 (see README, Configuration).");
    }
    settleForwardingHeaders(req, trusted);
    const direct = directRoute(req);
    (direct ? serveDirect(direct, req, res) : handle(req, res)).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500).end("Internal Server Error");
    });
  });
  // Next.js's development server keeps its hot reload on a WebSocket.
  server.on("upgrade", (req, socket, head) => {
    settleForwardingHeaders(req, trusted);
    upgrade(req, socket, head).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, () => resolve());
  });
  return server;
}
