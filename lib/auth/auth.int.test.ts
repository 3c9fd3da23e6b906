import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { createUser, signUpWithPassword } from "./accounts";
import { signInWithPassword } from "./sign-in";
import { hashPassword } from "./password";
import { retryAfterSeconds, THROTTLE_RULES } from "./throttle";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe("accounts", () => {
  it("makes the first account admin and later ones learners, even when created at once", async () => {
    const users = await Promise.all(
      Array.from({ length: 5 }, (_, i) => createUser(t.db, { email: `first-${i}@example.com`, name: `U${i}` })),
    );
    expect(users.filter((u) => u.role === "ADMIN")).toHaveLength(1);
    expect(users.filter((u) => u.role === "LEARNER")).toHaveLength(4);
  });

  it("refuses a second account with the same email, whatever its case, and stores the password as argon2id", async () => {
    const first = await signUpWithPassword(t.db, { email: "ada@example.com", name: "Ada", password: "correct horse battery" });
    expect(first.ok).toBe(true);
    const again = await signUpWithPassword(t.db, { email: "ada@example.com", name: "Eve", password: "another long password" });
    expect(again).toEqual({ ok: false, errors: { email: expect.stringMatching(/cannot be used/) } });
    const stored = await t.db.user.findUniqueOrThrow({ where: { email: "ada@example.com" } });
    expect(stored.name).toBe("Ada");
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("lets a new account study every live shared deck, not a retired one or a class's", async () => {
    const deck = (slug: string, data: { retiredAt?: Date; classId?: string } = {}) =>
      t.db.deck.create({ data: { slug, title: slug, tags: [], sourcePath: `content/${slug}.md`, contentHash: slug, ...data } });
    const owner = await createUser(t.db, { email: "owner@example.com" });
    const klass = await t.db.class.create({ data: { name: "ML", timeZone: "UTC", joinCode: "ABCDEFGH", createdById: owner.id } });
    const shared = [await deck("shared-1"), await deck("shared-2")];
    await deck("retired", { retiredAt: new Date("2026-01-01T00:00:00Z") });
    await deck(`${klass.id}-week-1`, { classId: klass.id });
    const studied = async (userId: string) => (await t.db.deckStudy.findMany({ where: { userId }, select: { deckId: true } })).map((s) => s.deckId).sort();

    const signedUp = await signUpWithPassword(t.db, { email: "new@example.com", name: "", password: "correct horse battery" });
    expect(signedUp.ok && (await studied(signedUp.userId))).toEqual(shared.map((d) => d.id).sort());
    // GitHub sign-up goes through createUser (lib/auth/options.ts's adapter).
    const viaGitHub = await createUser(t.db, { email: "gh@example.com", name: "GH" });
    expect(await studied(viaGitHub.id)).toEqual(shared.map((d) => d.id).sort());
  });
});

describe("password sign-in", () => {
  beforeAll(async () => {
    await signUpWithPassword(t.db, { email: "grace@example.com", name: "Grace", password: "correct horse battery" });
  });

  it("signs in with the right password, case-insensitively on the email", async () => {
    const outcome = await signInWithPassword(t.db, { email: " Grace@Example.com ", password: "correct horse battery", ip: "10.0.0.1" });
    expect(outcome).toMatchObject({ ok: true, user: { email: "grace@example.com", role: "LEARNER" } });
  });

  it("gives the same answer for a wrong password and an unknown account", async () => {
    const wrong = await signInWithPassword(t.db, { email: "grace@example.com", password: "nope", ip: "10.0.0.2" });
    const unknown = await signInWithPassword(t.db, { email: "nobody@example.com", password: "nope", ip: "10.0.0.2" });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("locks an account after repeated failures, even with the right password, and says for how long", async () => {
    await signUpWithPassword(t.db, { email: "linus@example.com", name: "", password: "correct horse battery" });
    for (let i = 0; i < THROTTLE_RULES.email.max; i++) {
      await signInWithPassword(t.db, { email: "linus@example.com", password: `wrong ${i}`, ip: `10.1.0.${i}` });
    }
    const locked = await signInWithPassword(t.db, { email: "linus@example.com", password: "correct horse battery", ip: "10.9.9.9" });
    expect(locked.ok).toBe(false);
    expect(locked).toMatchObject({ reason: "throttled" });
    const seconds = (locked as { retryAfter: number }).retryAfter;
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(THROTTLE_RULES.email.lockMs / 1000);
    // Other accounts are unaffected.
    const other = await signInWithPassword(t.db, { email: "grace@example.com", password: "correct horse battery", ip: "10.9.9.9" });
    expect(other.ok).toBe(true);
  });

  it("locks an IP that tries many accounts, counting concurrent failures", async () => {
    await Promise.all(
      Array.from({ length: THROTTLE_RULES.ip.max }, (_, i) =>
        signInWithPassword(t.db, { email: `spray-${i}@example.com`, password: "guess", ip: "203.0.113.7" }),
      ),
    );
    expect(await retryAfterSeconds(t.db, [{ kind: "ip", value: "203.0.113.7" }])).toBeGreaterThan(0);
    const fromThatIp = await signInWithPassword(t.db, { email: "grace@example.com", password: "correct horse battery", ip: "203.0.113.7" });
    expect(fromThatIp).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("counts 40 simultaneous attempts before checking any password: 5 are checked, the rest throttled, a correct one among them neither gets in nor clears the count", async () => {
    await signUpWithPassword(t.db, { email: "raced@example.com", name: "", password: "correct horse battery" });
    const attempt = (password: string, i: number) => signInWithPassword(t.db, { email: "raced@example.com", password, ip: `10.40.0.${i}` });
    const wrong = Array.from({ length: 39 }, (_, i) => attempt(`wrong ${i}`, i));
    // The correct password comes once five attempts are counted, while their passwords are still being checked.
    const key = "email:raced@example.com";
    while (((await t.db.authThrottle.findUnique({ where: { key } }))?.failures ?? 0) < THROTTLE_RULES.email.max) await new Promise((r) => setTimeout(r, 2));
    const correct = attempt("correct horse battery", 39);
    const outcomes = await Promise.all([...wrong, correct]);

    expect(outcomes.filter((o) => !o.ok && o.reason === "invalid")).toHaveLength(THROTTLE_RULES.email.max);
    expect(outcomes.filter((o) => !o.ok && o.reason === "throttled")).toHaveLength(40 - THROTTLE_RULES.email.max);
    expect(await correct).toMatchObject({ ok: false, reason: "throttled" });
    // Every attempt was counted, and the correct one cleared nothing.
    expect((await t.db.authThrottle.findUniqueOrThrow({ where: { key } })).failures).toBe(40);
    expect(await signInWithPassword(t.db, { email: "raced@example.com", password: "correct horse battery", ip: "10.40.1.1" })).toMatchObject({ reason: "throttled" });
  });

  it("gives an IP back the attempts that succeed: a class signing in one after another from one address is never locked out", async () => {
    const passwordHash = await hashPassword("correct horse battery");
    const users = await Promise.all(Array.from({ length: THROTTLE_RULES.ip.max + 5 }, (_, i) => createUser(t.db, { email: `class-${i}@example.com`, passwordHash })));
    for (const user of users) {
      expect(await signInWithPassword(t.db, { email: user.email, password: "correct horse battery", ip: "192.0.2.30" })).toMatchObject({ ok: true });
    }
    const row = await t.db.authThrottle.findUnique({ where: { key: "ip:192.0.2.30" } });
    expect(row?.failures ?? 0).toBe(0);
    expect(row?.lockedUntil ?? null).toBeNull();
  });

  it("forgets failures older than the window", async () => {
    await signUpWithPassword(t.db, { email: "old@example.com", name: "", password: "correct horse battery" });
    for (let i = 0; i < THROTTLE_RULES.email.max - 1; i++) {
      await signInWithPassword(t.db, { email: "old@example.com", password: "bad", ip: null });
    }
    await t.db.authThrottle.update({ where: { key: "email:old@example.com" }, data: { windowStart: new Date(Date.now() - THROTTLE_RULES.email.windowMs - 1000) } });
    await signInWithPassword(t.db, { email: "old@example.com", password: "bad", ip: null });
    const row = await t.db.authThrottle.findUniqueOrThrow({ where: { key: "email:old@example.com" } });
    expect(row.failures).toBe(1);
    expect(row.lockedUntil).toBeNull();
  });
});

describe("password sign-up", () => {
  const saved = process.env.LATENT_SIGNUPS_PER_IP;
  afterAll(() => {
    if (saved === undefined) delete process.env.LATENT_SIGNUPS_PER_IP;
    else process.env.LATENT_SIGNUPS_PER_IP = saved;
  });

  it("is limited per IP, counting every attempt, refused ones included; the refused attempt creates nothing", async () => {
    process.env.LATENT_SIGNUPS_PER_IP = "3";
    const signUp = (email: string, ip: string) => signUpWithPassword(t.db, { email, name: "", password: "correct horse battery", ip });
    expect(await signUp("new-1@example.com", "198.51.100.9")).toMatchObject({ ok: true });
    expect(await signUp("new-1@example.com", "198.51.100.9")).toMatchObject({ ok: false, errors: { email: expect.stringMatching(/cannot be used/) } });
    expect(await signUp("new-2@example.com", "198.51.100.9")).toMatchObject({ ok: true });
    const refused = await signUp("new-3@example.com", "198.51.100.9");
    expect(refused).toMatchObject({ ok: false, errors: { form: expect.stringMatching(/Too many sign-ups from your network in the last hour\. Try again in \d+ minutes\./) } });
    expect(await t.db.user.findUnique({ where: { email: "new-3@example.com" } })).toBeNull();
    // Another address is not affected.
    expect(await signUp("new-3@example.com", "198.51.100.10")).toMatchObject({ ok: true });
  });
});
