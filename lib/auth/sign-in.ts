// Password sign-in: verification plus throttling, independent of next-auth so it can be tested directly.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Db } from "@/lib/db";
import { signInSchema } from "@/lib/validations/auth";
import { verifyPassword } from "./password";
import { reserveAttempt, settleSignIn, type ThrottleKey } from "./throttle";

export type SignInOutcome =
  | { ok: true; user: { id: string; email: string; name: string | null; role: string } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfter: number };

export function signInThrottleKeys(email: string, ip: string | null): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ kind: "email", value: email.trim().toLowerCase() }];
  if (ip) keys.push({ kind: "ip", value: ip });
  return keys;
}

export async function signInWithPassword(db: Db, input: { email: unknown; password: unknown; ip: string | null }): Promise<SignInOutcome> {
  const parsed = signInSchema.safeParse({ email: input.email, password: input.password });
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const keys = signInThrottleKeys(email, input.ip);

  // Counted before the password is checked: an attempt past the limit never reaches argon2.
  const reservation = await reserveAttempt(db, keys);
  if (reservation.throttled) return { ok: false, reason: "throttled", retryAfter: reservation.retryAfter };

  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, role: true, passwordHash: true } });
  if (!(await verifyPassword(user?.passwordHash, password)) || !user) return { ok: false, reason: "invalid" };
  await settleSignIn(db, keys);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

/**
 * The client's address: X-Forwarded-For as Latent's web server sets it (lib/server/client-address.ts: the socket's
 * address, or what a trusted proxy reported), never a value the client chose.
 */
export function clientIp(headers: Headers | Record<string, string | string[] | undefined>): string | null {
  const value = headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  const forwarded = (Array.isArray(value) ? value[0] : value)?.split(",")[0]?.trim();
  return forwarded || null;
}

// next-auth turns a refused sign-in into its own 401; the sign-in route answers a throttled one with 429 and
// Retry-After instead. The outcome reaches the route through the request's async context.
const signInRequest = new AsyncLocalStorage<{ retryAfter?: number }>();

/** Runs next-auth's handling of one request; `retryAfter` is set when a sign-in in it was throttled. */
export async function handleSignInRequest(run: () => Promise<Response>): Promise<{ response: Response; retryAfter?: number }> {
  const state: { retryAfter?: number } = {};
  const response = await signInRequest.run(state, run);
  return { response, retryAfter: state.retryAfter };
}

export function reportThrottledSignIn(retryAfter: number): void {
  const state = signInRequest.getStore();
  if (state) state.retryAfter = retryAfter;
}
