// The Content-Security-Policy of Latent's responses (docs/security.md). Pages: scripts run only with the response's
// nonce (and what those scripts load), no plugins, no <base>, no framing by other sites. Worker scripts (served from
// /_next/static, where a policy only matters when the file runs as a worker): the lab's worker evaluates the
// learner's code (new Function) and tfjs's WebAssembly backend compiles WebAssembly, so they may do both; the lab's
// worker may fetch nothing but tfjs's WebAssembly files, so code a learner pasted cannot call the API with their
// session. Anything else (JSON, the .wasm files) may load nothing at all.
// proxy.ts sets the per-request policies (pages, the lab's worker); next.config.ts the static ones.

const ALWAYS = ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"];

const join = (directives: string[]) => directives.join("; ");

export function pagePolicy(nonce: string, options: { dev?: boolean } = {}): string {
  return join([
    "default-src 'self'",
    // 'strict-dynamic': the chunks Next.js's nonce-bearing scripts load run too. Development needs eval (React).
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    // Monaco and KaTeX set styles inline.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    "worker-src 'self'",
    "form-action 'self'",
    ...ALWAYS,
  ]);
}

const WORKER_SCRIPTS = "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'";

/**
 * For the script that starts a worker (Turbopack's worker bootstrap: the lab's worker and Monaco's): ASSET_POLICY,
 * except that only this site's /tfjs-wasm/ can be fetched. `origin` is the site's: a path cannot follow 'self'.
 */
export function workerPolicy(origin: string): string {
  return join(["default-src 'none'", WORKER_SCRIPTS, `connect-src ${origin}/tfjs-wasm/`, "worker-src 'self'", ...ALWAYS]);
}

/** For /_next/static: a script there run as a worker (Monaco's, the lab's) gets this. */
export const ASSET_POLICY = join(["default-src 'none'", WORKER_SCRIPTS, "connect-src 'self'", "worker-src 'self'", ...ALWAYS]);

/**
 * For a page rendered in answer to a form posted without JavaScript (a server action), which proxy.ts does not
 * see: no nonce to give, so inline scripts are allowed, but only this site's and no plugins, <base> or framing.
 */
export const POSTED_PAGE_POLICY = join(["default-src 'self'", "script-src 'self' 'unsafe-inline'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "font-src 'self' data:", "form-action 'self'", ...ALWAYS]);

/** For every other response that is not a page (JSON, the .wasm files): it may load nothing. */
export const NOTHING_POLICY = join(["default-src 'none'", ...ALWAYS]);

/** What every response of this site carries (next.config.ts; Latent's server adds them to what it answers itself). */
export const SITE_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
];
