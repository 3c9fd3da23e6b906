// Throttles sign-in per account and per IP, and sign-up per IP. State lives in PostgreSQL (AuthThrottle), so it
// holds across restarts and across server processes.
//
// An attempt is counted *before* the expensive work (argon2) in one atomic statement that also says whether it is
// over the limit: concurrent attempts each get their own count, so the ones past the limit are refused without
// their password being checked. A successful sign-in then gives its count back (see settleSignIn): what the
// sign-in limits count are failures, what the sign-up limit counts is every attempt.
import type { Db } from "@/lib/db";

type Rule = { max: number; windowMs: number; lockMs: number };

const MINUTE = 60_000;

export const THROTTLE_RULES = {
  email: { max: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
  ip: { max: 30, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
  get signup(): Rule {
    // A class signing up together from one network fits in the default; LATENT_SIGNUPS_PER_IP raises it.
    const configured = Number(process.env.LATENT_SIGNUPS_PER_IP);
    return { max: Number.isInteger(configured) && configured > 0 ? configured : 50, windowMs: 60 * MINUTE, lockMs: 60 * MINUTE };
  },
};

export type ThrottleKey = { kind: "email" | "ip" | "signup"; value: string };

export const throttleKey = (key: ThrottleKey) => `${key.kind}:${key.value}`;

export type Reservation = { throttled: false } | { throttled: true; retryAfter: number };

/**
 * Counts one attempt under each key and says whether any of them is now past its limit (and for how long). The
 * attempt that reaches a limit still proceeds and locks the key; the ones after it are throttled until the lock
 * ends. A key's window starts afresh once it has passed and no lock holds.
 */
export async function reserveAttempt(db: Db, keys: ThrottleKey[], now = new Date()): Promise<Reservation> {
  const rows = await Promise.all(
    keys.map(async (key) => {
      const rule = THROTTLE_RULES[key.kind];
      const windowFloor = new Date(now.getTime() - rule.windowMs);
      const lockEnd = new Date(now.getTime() + rule.lockMs);
      const [row] = await db.$queryRaw<Array<{ failures: number; lockedUntil: Date | null; windowStart: Date }>>`
        INSERT INTO "AuthThrottle" AS t (key, failures, "windowStart", "lockedUntil", "updatedAt")
        VALUES (${throttleKey(key)}, 1, ${now}, ${rule.max <= 1 ? lockEnd : null}, ${now})
        ON CONFLICT (key) DO UPDATE SET
          failures = CASE WHEN t."windowStart" < ${windowFloor} AND (t."lockedUntil" IS NULL OR t."lockedUntil" <= ${now}) THEN 1 ELSE t.failures + 1 END,
          "windowStart" = CASE WHEN t."windowStart" < ${windowFloor} AND (t."lockedUntil" IS NULL OR t."lockedUntil" <= ${now}) THEN ${now} ELSE t."windowStart" END,
          "lockedUntil" = CASE
            WHEN t."lockedUntil" > ${now} THEN t."lockedUntil"
            WHEN (CASE WHEN t."windowStart" < ${windowFloor} THEN 1 ELSE t.failures + 1 END) >= ${rule.max} THEN ${lockEnd}
            ELSE NULL END,
          "updatedAt" = ${now}
        RETURNING failures, "lockedUntil", "windowStart"`;
      return { rule, row: row! };
    }),
  );
  let until = 0;
  for (const { rule, row } of rows) {
    if (row.failures <= rule.max) continue;
    until = Math.max(until, row.lockedUntil?.getTime() ?? row.windowStart.getTime() + rule.windowMs);
  }
  return until > 0 ? { throttled: true, retryAfter: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) } : { throttled: false };
}

/**
 * After a successful sign-in: the account's count is cleared, and the IP's attempt is given back (failed sign-ins
 * are what an IP is limited on, so a class signing in from one network is never locked out by succeeding).
 */
export async function settleSignIn(db: Db, keys: ThrottleKey[], now = new Date()): Promise<void> {
  await Promise.all(
    keys.map((key) => {
      if (key.kind === "email") return db.$executeRaw`DELETE FROM "AuthThrottle" WHERE key = ${throttleKey(key)}`;
      const rule = THROTTLE_RULES[key.kind];
      return db.$executeRaw`
        UPDATE "AuthThrottle" SET
          failures = GREATEST(failures - 1, 0),
          "lockedUntil" = CASE WHEN failures - 1 >= ${rule.max} THEN "lockedUntil" ELSE NULL END,
          "updatedAt" = ${now}
        WHERE key = ${throttleKey(key)}`;
    }),
  );
}

/** Seconds until these keys may try again, or 0 when none is locked. */
export async function retryAfterSeconds(db: Db, keys: ThrottleKey[], now = new Date()): Promise<number> {
  const rows = await db.authThrottle.findMany({ where: { key: { in: keys.map(throttleKey) } }, select: { lockedUntil: true } });
  const until = Math.max(0, ...rows.map((row) => row.lockedUntil?.getTime() ?? 0));
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}
