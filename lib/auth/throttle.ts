// Throttles repeated failed sign-ins per account and per IP. State lives in PostgreSQL (AuthThrottle), so it
// holds across restarts and across server processes.
import type { Db } from "@/lib/db";

export const THROTTLE_RULES = {
  email: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  ip: { maxFailures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
} as const;

export type ThrottleKey = { kind: keyof typeof THROTTLE_RULES; value: string };

export const throttleKey = (key: ThrottleKey) => `${key.kind}:${key.value}`;

/** Seconds until these keys may try again, or 0 when none is locked. */
export async function retryAfterSeconds(db: Db, keys: ThrottleKey[], now = new Date()): Promise<number> {
  const rows = await db.authThrottle.findMany({ where: { key: { in: keys.map(throttleKey) } }, select: { lockedUntil: true } });
  const until = Math.max(0, ...rows.map((row) => row.lockedUntil?.getTime() ?? 0));
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

export async function recordFailedSignIn(db: Db, keys: ThrottleKey[], now = new Date()): Promise<void> {
  for (const key of keys) {
    const rule = THROTTLE_RULES[key.kind];
    const windowStart = new Date(now.getTime() - rule.windowMs);
    // One statement: concurrent failures must all count (no read-modify-write race).
    await db.$executeRaw`
      INSERT INTO "AuthThrottle" (key, failures, "windowStart", "lockedUntil", "updatedAt")
      VALUES (${throttleKey(key)}, 1, ${now}, NULL, ${now})
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN "AuthThrottle"."windowStart" < ${windowStart} THEN 1 ELSE "AuthThrottle".failures + 1 END,
        "windowStart" = CASE WHEN "AuthThrottle"."windowStart" < ${windowStart} THEN ${now} ELSE "AuthThrottle"."windowStart" END,
        "lockedUntil" = CASE
          WHEN "AuthThrottle"."windowStart" >= ${windowStart} AND "AuthThrottle".failures + 1 >= ${rule.maxFailures}
          THEN ${new Date(now.getTime() + rule.lockMs)} ELSE "AuthThrottle"."lockedUntil" END,
        "updatedAt" = ${now}`;
  }
}

export async function clearThrottle(db: Db, key: ThrottleKey): Promise<void> {
  await db.authThrottle.deleteMany({ where: { key: throttleKey(key) } });
}
