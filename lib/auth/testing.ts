// For integration tests of route handlers: a real next-auth session cookie for a user, as the browser would send
// it after signing in, so the routes' own session check runs (nothing about who is asking is simulated).
import { encode } from "next-auth/jwt";

export const TEST_AUTH_SECRET = "latent-integration-tests-secret-not-used-anywhere-else";

/** The Cookie header of a signed-in session for this user id (sets NEXTAUTH_SECRET for the test process if unset). */
export async function sessionCookie(userId: string, options: { maxAgeSeconds?: number } = {}): Promise<string> {
  process.env.NEXTAUTH_SECRET ??= TEST_AUTH_SECRET;
  const secure = process.env.NEXTAUTH_URL?.startsWith("https://") ?? false;
  const name = secure ? "__Secure-next-auth.session-token" : "next-auth.session-token";
  const token = await encode({ token: { sub: userId }, secret: process.env.NEXTAUTH_SECRET, maxAge: options.maxAgeSeconds });
  return `${name}=${token}`;
}
