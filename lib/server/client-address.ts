// Which address a request comes from, for the per-IP limits of sign-in and sign-up. A client can put anything in
// X-Forwarded-For, so it is believed only as far as LATENT_TRUST_PROXY says proxies in front of Latent write it:
// unset (or 0), the address is the socket's peer and the forwarding headers a client sent are removed; n, the
// address the n-th proxy from Latent saw (each proxy appends the address it received the request from).
import type { IncomingMessage } from "node:http";

const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];

/** How many proxies to trust, from LATENT_TRUST_PROXY; throws on a value that is not a count. */
export function trustedProxyCount(setting = process.env.LATENT_TRUST_PROXY): number {
  if (setting === undefined || setting.trim() === "" || setting === "false") return 0;
  const count = Number(setting);
  if (!Number.isInteger(count) || count < 0 || count > 10) {
    throw new Error(`LATENT_TRUST_PROXY must be the number of reverse proxies in front of Latent that set X-Forwarded-For (0–10), not "${setting}".`);
  }
  return count;
}

function plain(address: string): string {
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
}

/** The client's address: the socket's peer, or the address the `trusted`-th proxy from here saw. */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: number): string | undefined {
  const chain = [forwardedFor ?? []]
    .flat()
    .flatMap((header) => header.split(","))
    .map((hop) => hop.trim())
    .filter(Boolean);
  // Nearest first: the socket, then what each trusted proxy appended.
  const hops = [socketAddress, ...chain.reverse()].filter((hop): hop is string => Boolean(hop));
  const address = hops[Math.min(trusted, hops.length - 1)];
  return address === undefined ? undefined : plain(address);
}

/**
 * Rewrites a request's forwarding headers before Next.js sees it: X-Forwarded-For becomes the one client address
 * above; without a trusted proxy, the Host/Proto/Port a client claimed are dropped (Next.js derives its own).
 */
export function settleForwardingHeaders(req: IncomingMessage, trusted: number): void {
  const address = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trusted);
  if (trusted === 0) for (const name of FORWARDING_HEADERS) delete req.headers[name];
  if (address) req.headers["x-forwarded-for"] = address;
  else delete req.headers["x-forwarded-for"];
}
