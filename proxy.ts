// Per-request security headers (Next.js's "proxy", formerly middleware): each page gets a Content-Security-Policy
// with a fresh nonce, which Next.js puts on its own scripts; the script that starts a worker (the lab's, Monaco's)
// gets a policy naming this site's origin. See lib/http/security-headers.ts and docs/security.md. API routes, static files and server actions do
// not pass through here (next.config.ts gives them a fixed policy): nothing is added to the review's hot path.
import { NextResponse, type NextRequest } from "next/server";
import { workerPolicy, pagePolicy } from "@/lib/http/security-headers";

function siteOrigin(request: NextRequest): string {
  if (process.env.NEXTAUTH_URL) {
    try {
      return new URL(process.env.NEXTAUTH_URL).origin;
    } catch {
      // fall through to the request's own host
    }
  }
  return `${request.nextUrl.protocol}//${request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? request.nextUrl.host}`;
}

export function proxy(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith("/_next/")) {
    const response = NextResponse.next();
    response.headers.set("Content-Security-Policy", workerPolicy(siteOrigin(request)));
    return response;
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = pagePolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  // Next.js reads the nonce from the request's policy and puts it on every script it renders.
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages, as documents: not API routes or static files, not client navigations' payloads (RSC), and not
      // requests with a body (server actions), which Next.js would otherwise buffer to hand to the proxy.
      source: "/((?!api/|_next/|tfjs-wasm/|icon\\.svg|favicon\\.ico).*)",
      missing: [
        { type: "header", key: "rsc" },
        { type: "header", key: "content-type" },
      ],
    },
    "/_next/static/chunks/:file(turbopack-worker-.*\\.js)",
  ],
};
