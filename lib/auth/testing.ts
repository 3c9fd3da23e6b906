// For integration tests of route handlers: a real next-auth session cookie for a user, as the browser would send
// it after signing in, so the routes' own session check runs (nothing about who is asking is simulated).
import crypto from "node:crypto";
import { encode } from "next-auth/jwt";
import { getDb, type Db } from "@/lib/db";
import { startSession } from "./sessions";

export const TEST_AUTH_SECRET = "latent-integration-tests-secret-not-used-anywhere-else";

/**
 * The Cookie header of a signed-in session for this user id: a session row as a sign-in creates it (in `db`, by
 * default what getDb() returns) and next-auth's token naming it. Sets NEXTAUTH_SECRET for the test process if
 * unset. For a user that does not exist, the token names a session that does not exist either.
 */
export async function sessionCookie(userId: string, options: { maxAgeSeconds?: number; db?: Db } = {}): Promise<string> {
  process.env.NEXTAUTH_SECRET ??= TEST_AUTH_SECRET;
  const db = options.db ?? getDb();
  const exists = (await db.user.findUnique({ where: { id: userId }, select: { id: true } })) !== null;
  const sid = exists ? await startSession(db, userId) : crypto.randomBytes(24).toString("base64url");
  const secure = process.env.NEXTAUTH_URL?.startsWith("https://") ?? false;
  const name = secure ? "__Secure-next-auth.session-token" : "next-auth.session-token";
  const token = await encode({ token: { sub: userId, sid }, secret: process.env.NEXTAUTH_SECRET, maxAge: options.maxAgeSeconds });
  return `${name}=${token}`;
}

/** The headers a JSON request from this site's own pages carries to `url` (see lib/http/same-origin.ts). */
export function sameOriginHeaders(url: string): Record<string, string> {
  return { origin: new URL(process.env.NEXTAUTH_URL ?? url).origin, "content-type": "application/json" };
}
