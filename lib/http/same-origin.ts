// Is a state-changing request from this site's own pages? A learner's browser sends their session cookie with
// requests that other sites' pages make (another port of the same host is even the same "site" for SameSite
// cookies), so the cookie alone proves nothing about who made the request. Browsers do say where a request comes
// from, in headers a page cannot set: `Origin` and `Sec-Fetch-Site`.

/** What these checks read of a request: a web Request has it, and so has Latent's own server's (direct-routes.ts). */
export type RequestHead = { url: string; headers: { get(name: string): string | null } };

/** This instance's own origin, when NEXTAUTH_URL names it (`npm start` and `npm run dev` always set it). */
function configuredOrigin(): string | null {
  const configured = process.env.NEXTAUTH_URL;
  if (!configured) return null;
  try {
    return new URL(configured).origin;
  } catch {
    return null;
  }
}

function parsedOrigin(value: string): URL | null {
  if (value === "null") return null; // sandboxed frames, data: URLs, cross-origin redirects
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * Why this request must be refused as coming from another site, or null when it comes from this site's pages.
 * It passes when `Origin` is this instance's origin (NEXTAUTH_URL's; without it, the host the request was sent
 * to), or, with no `Origin` at all, when `Sec-Fetch-Site` says `same-origin`. A request saying neither is refused:
 * every browser sends one of them with a POST, PUT, PATCH or DELETE, and a script can send `Origin` itself.
 */
export function crossSiteReason(request: RequestHead): string | null {
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  if (site !== null && site !== "same-origin") return `This request came from another site (Sec-Fetch-Site: ${site.slice(0, 40)}), so it was refused.`;
  if (origin === null) {
    return site === "same-origin" ? null : "This request did not say which site sent it (no Origin header), so it was refused.";
  }
  const from = parsedOrigin(origin);
  const own = configuredOrigin();
  if (from && (own ? from.origin === own : from.host === requestHost(request))) return null;
  return `This request came from another site (${origin.slice(0, 100)}), not from ${own ?? "this one"}, so it was refused.`;
}

// The host the browser addressed. Behind a proxy that Latent trusts (LATENT_TRUST_PROXY), that proxy's
// X-Forwarded-Host; Latent's web server removes the header from requests of clients it does not trust.
function requestHost(request: RequestHead): string {
  return request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host") || new URL(request.url).host;
}

/** Whether the body is declared as JSON (`application/json`, parameters such as charset allowed). */
export function isJsonContentType(request: RequestHead): boolean {
  const type = request.headers.get("content-type");
  return type !== null && type.split(";")[0]!.trim().toLowerCase() === "application/json";
}
