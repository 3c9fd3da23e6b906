// Who is asking, from a request's own headers: the session cookie, decrypted and checked against its AuthSession row.
// Framework-free (no React, no next/headers), so route handlers and Latent's own HTTP server (which answers the review's
// answer route itself: lib/server/direct-routes.ts) share one check. Pages and server actions use lib/auth/session.ts.
import { hkdfSync } from "node:crypto";
import { jwtDecrypt } from "jose";
import { getToken, type JWT } from "next-auth/jwt";
import { getDb } from "@/lib/db";
import { queryPrepared } from "@/lib/db/prepared";
import type { RequestHead } from "@/lib/http/same-origin";
import type { Role } from "@/lib/generated/prisma/enums";

export type CurrentUser = { id: string; email: string; name: string | null; role: Role };

// next-auth derives the session cookie's encryption key from the secret with HKDF on every decode, and its
// getServerSession also re-encrypts a fresh token that a server component cannot even set. Reading the session
// is on every request, so the key is derived once per secret and the cookie only decrypted (same algorithm and
// clock tolerance as next-auth's own `decode`; chunked cookies and the __Secure- name handled by its getToken).
// A browser sends the same token with every request until next-auth renews it, so tokens decrypted are also kept (by
// token, per secret; bounded, oldest out first) until their own expiry, instead of being decrypted on every request.
// What a token says is fixed once it decrypts; whether its session is still live is read every time.
const CLOCK_TOLERANCE_SECONDS = 15;
const DECODED_TOKENS_KEPT = 10_000;
type SecretState = { key: Uint8Array; decoded: Map<string, { claims: JWT; usableUntilMs: number }> };
const secrets = new Map<string, SecretState>();

function secretState(secret: string): SecretState {
  let state = secrets.get(secret);
  if (!state) {
    state = { key: new Uint8Array(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32)), decoded: new Map() };
    secrets.set(secret, state);
  }
  return state;
}

/** A session token's claims, as next-auth's `decode` reads them; throws when it is forged, altered or expired. */
export async function decodeSessionToken(token: string, secret: string): Promise<JWT> {
  const { key, decoded } = secretState(secret);
  const kept = decoded.get(token);
  if (kept && Date.now() <= kept.usableUntilMs) return kept.claims;
  decoded.delete(token);
  const { payload } = await jwtDecrypt(token, key, { clockTolerance: CLOCK_TOLERANCE_SECONDS });
  const claims = Object.freeze(payload) as JWT;
  if (typeof payload.exp === "number") {
    if (decoded.size >= DECODED_TOKENS_KEPT) decoded.delete(decoded.keys().next().value!);
    decoded.set(token, { claims, usableUntilMs: (payload.exp + CLOCK_TOLERANCE_SECONDS) * 1000 });
  }
  return claims;
}

export type SessionClaims = { userId: string; sessionId: string };

/** The user and session the session cookie among these names, or null (none, forged, altered or expired). */
export async function sessionClaims(cookieValues: Record<string, string>): Promise<SessionClaims | null> {
  const token = await getToken({
    // No headers: getToken would also accept the token as an `Authorization: Bearer` header, which sessions here
    // never use; the cookie is the only way in, as with next-auth's getServerSession.
    req: { cookies: cookieValues, headers: new Headers() } as never,
    decode: async ({ token, secret }) => (token && secret ? decodeSessionToken(token, String(secret)) : null),
  });
  // A token without a session id predates server-side sessions: it no longer signs anyone in.
  return typeof token?.sub === "string" && typeof token.sid === "string" ? { userId: token.sub, sessionId: token.sid } : null;
}

export type CurrentSession = { user: CurrentUser; sessionId: string };

export async function sessionUser(claims: SessionClaims | null): Promise<CurrentSession | null> {
  if (!claims) return null;
  // One prepared statement on every request (docs/benchmarks.md): the session must still exist (not signed out,
  // not past its lifetime) and its user too.
  const rows = await queryPrepared<CurrentUser>(
    getDb(),
    "current-session-user",
    `SELECT u.id, u.email, u.name, u.role::text AS role
       FROM "AuthSession" s JOIN "User" u ON u.id = s."userId"
      WHERE s.id = $1 AND s."userId" = $2 AND s."expiresAt" > $3`,
    [claims.sessionId, claims.userId, new Date()],
  );
  return rows[0] ? { user: rows[0], sessionId: claims.sessionId } : null;
}

/** The cookies a request carries (RFC 6265 `name=value; …`; values percent-decoded where they can be). */
export function requestCookies(request: RequestHead): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const pair of (request.headers.get("cookie") ?? "").split(";")) {
    const at = pair.indexOf("=");
    if (at <= 0) continue;
    const name = pair.slice(0, at).trim();
    const raw = pair.slice(at + 1).trim().replace(/^"(.*)"$/, "$1");
    let value = raw;
    try {
      value = decodeURIComponent(raw);
    } catch {
      // kept as sent
    }
    if (name && !(name in jar)) jar[name] = value;
  }
  return jar;
}

/** The session claims of the request's cookie (authentic, not yet checked against its row), or null. */
export async function requestSessionClaims(request: RequestHead): Promise<SessionClaims | null> {
  return sessionClaims(requestCookies(request));
}

/** For route handlers: the user whose session this request carries, or null so the handler can answer 401 itself. */
export async function getApiUser(request: RequestHead): Promise<CurrentUser | null> {
  return (await sessionUser(await sessionClaims(requestCookies(request))))?.user ?? null;
}
