// Who is asking. Every page, action and route that touches a learner's data starts here.
import { hkdfSync } from "node:crypto";
import { jwtDecrypt } from "jose";
import { getToken, type JWT } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { queryPrepared } from "@/lib/db/prepared";
import type { Role } from "@/lib/generated/prisma/enums";

export type CurrentUser = { id: string; email: string; name: string | null; role: Role };

// next-auth derives the session cookie's encryption key from the secret with HKDF on every decode, and its
// getServerSession also re-encrypts a fresh token that a server component cannot even set. Reading the session
// is on every request, so the key is derived once per secret and the cookie only decrypted (same algorithm and
// clock tolerance as next-auth's own `decode`; chunked cookies and the __Secure- name handled by its getToken).
const derivedKeys = new Map<string, Uint8Array>();

function encryptionKey(secret: string): Uint8Array {
  let key = derivedKeys.get(secret);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32));
    derivedKeys.set(secret, key);
  }
  return key;
}

/** A session token's claims, as next-auth's `decode` reads them; throws when it is forged, altered or expired. */
export async function decodeSessionToken(token: string, secret: string): Promise<JWT> {
  const { payload } = await jwtDecrypt(token, encryptionKey(secret), { clockTolerance: 15 });
  return payload as JWT;
}

type SessionClaims = { userId: string; sessionId: string };

/** The user and session the session cookie among these names, or null (none, forged, altered or expired). */
async function sessionClaims(cookieValues: Record<string, string>): Promise<SessionClaims | null> {
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

async function sessionUser(claims: SessionClaims | null): Promise<CurrentSession | null> {
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

/** The signed-in user and their session, read fresh from the database. Cached per request. */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  const jar = await cookies();
  return sessionUser(await sessionClaims(Object.fromEntries(jar.getAll().map((c) => [c.name, c.value]))));
});

/**
 * The signed-in user, read fresh from the database (a deleted account, a changed role or a signed-out session
 * takes effect at once). Cached per request: the layout and the page both ask.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => (await getCurrentSession())?.user ?? null);

/** For pages: the user, or a redirect to sign-in that comes back here. */
export async function requireUser(callbackPath = "/"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return user;
}

const rank: Record<Role, number> = { LEARNER: 0, INSTRUCTOR: 1, ADMIN: 2 };

/** Whether the user's site role is at least `role` (an admin is also an instructor). */
export function hasRole(user: Pick<CurrentUser, "role">, role: Role): boolean {
  return rank[user.role] >= rank[role];
}

/** For pages: the user when their role is at least `role`; otherwise sign-in, or a page saying which role it needs. */
export async function requireRole(role: Role, callbackPath = "/"): Promise<CurrentUser> {
  const user = await requireUser(callbackPath);
  if (!hasRole(user, role)) redirect(`/forbidden?need=${role.toLowerCase()}`);
  return user;
}

/** The cookies a request carries (RFC 6265 `name=value; …`; values percent-decoded where they can be). */
export function requestCookies(request: Request): Record<string, string> {
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

/** For route handlers: the user whose session this request carries, or null so the handler can answer 401 itself. */
export async function getApiUser(request: Request): Promise<CurrentUser | null> {
  return (await sessionUser(await sessionClaims(requestCookies(request))))?.user ?? null;
}
