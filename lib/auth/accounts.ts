// Creating accounts. The first account on an instance becomes its admin; every new account studies the shared decks.
import type { Db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { studySharedDecks } from "@/lib/content/decks";
import { hashPassword } from "./password";
import { reserveAttempt } from "./throttle";

export type NewUser = { email: string; name?: string | null; passwordHash?: string | null; image?: string | null; emailVerified?: Date | null };

export async function createUser(db: Db, user: NewUser) {
  return db.$transaction(async (tx) => {
    // Serialises account creation so two simultaneous first sign-ups cannot both become admin.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7310222)`;
    const hasUsers = (await tx.user.findFirst({ select: { id: true } })) !== null;
    const role: Role = hasUsers ? "LEARNER" : "ADMIN";
    const created = await tx.user.create({
      data: {
        email: user.email.toLowerCase(),
        name: user.name || null,
        passwordHash: user.passwordHash ?? null,
        image: user.image ?? null,
        emailVerified: user.emailVerified ?? null,
        role,
      },
    });
    await studySharedDecks(tx, created.id);
    return created;
  });
}

export type SignUpResult = { ok: true; userId: string } | { ok: false; errors: Record<string, string>; retryAfter?: number };

function minutes(seconds: number): string {
  const m = Math.ceil(seconds / 60);
  return m <= 1 ? "a minute" : `${m} minutes`;
}

/**
 * A new account with a password. Each attempt from an IP is counted first (THROTTLE_RULES.signup), so one address
 * cannot create accounts, or make the server hash passwords, without bound.
 */
export async function signUpWithPassword(db: Db, input: { email: string; name: string; password: string; ip?: string | null }): Promise<SignUpResult> {
  if (input.ip) {
    const reservation = await reserveAttempt(db, [{ kind: "signup", value: input.ip }]);
    if (reservation.throttled) {
      const message = `Too many sign-ups from your network in the last hour. Try again in ${minutes(reservation.retryAfter)}.`;
      return { ok: false, errors: { form: message }, retryAfter: reservation.retryAfter };
    }
  }
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) {
    return { ok: false, errors: { email: "This email cannot be used for a new account. If it is yours, sign in instead." } };
  }
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await createUser(db, { email: input.email, name: input.name, passwordHash });
    return { ok: true, userId: user.id };
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") {
      return { ok: false, errors: { email: "This email cannot be used for a new account. If it is yours, sign in instead." } };
    }
    throw error;
  }
}
