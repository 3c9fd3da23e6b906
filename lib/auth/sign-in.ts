// Password sign-in: verification plus throttling, independent of next-auth so it can be tested directly.
import type { Db } from "@/lib/db";
import { signInSchema } from "@/lib/validations/auth";
import { verifyPassword } from "./password";
import { clearThrottle, recordFailedSignIn, retryAfterSeconds, type ThrottleKey } from "./throttle";

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

  const retryAfter = await retryAfterSeconds(db, keys);
  if (retryAfter > 0) return { ok: false, reason: "throttled", retryAfter };

  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, role: true, passwordHash: true } });
  if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
    await recordFailedSignIn(db, keys);
    return { ok: false, reason: "invalid" };
  }
  await clearThrottle(db, keys[0]!);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

/** The client's address: the first X-Forwarded-For hop (Next's server sets it from the socket when absent). */
export function clientIp(headers: Headers | Record<string, string | string[] | undefined>): string | null {
  const get = (name: string) => {
    if (headers instanceof Headers) return headers.get(name);
    const value = headers[name];
    return Array.isArray(value) ? value[0] ?? null : value ?? null;
  };
  const forwarded = get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || get("x-real-ip") || null;
}
