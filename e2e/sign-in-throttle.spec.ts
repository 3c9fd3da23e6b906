// The sign-in throttle against the production server. Each test connects from its own loopback address, so the
// address it locks is not the one the other specs sign in from.
import { expect, test } from "@playwright/test";
import { E2E_SIGNUPS_PER_IP, PASSWORD, signUp, uniqueEmail } from "./support/accounts";
import { rawRequest, signInOverHttp, signUpOverHttp } from "./support/http";

test("40 simultaneous attempts: 5 have their password checked, the rest get 429, a correct one among them does not get in", async ({ browser }) => {
  const context = await browser.newContext();
  const email = await signUp(await context.newPage(), "raced");
  await context.close();
  const from = { localAddress: "127.0.0.41" };

  const wrong = Array.from({ length: 39 }, (_, i) => signInOverHttp(email, `wrong password ${i}`, from));
  await new Promise((resolve) => setTimeout(resolve, 100));
  const correct = signInOverHttp(email, PASSWORD, from);
  const outcomes = await Promise.all([...wrong, correct]);

  const statuses = outcomes.map((o) => o.status);
  expect(statuses.filter((s) => s === 429)).toHaveLength(35);
  expect(statuses.filter((s) => s === 401)).toHaveLength(5);
  expect((await correct).status).toBe(429);
  expect((await correct).session).toBeUndefined();

  // The correct password over the limit neither got in nor cleared the count.
  const after = await signInOverHttp(email, PASSWORD, { localAddress: "127.0.0.43" });
  expect(after.status).toBe(429);
  expect(after.session).toBeUndefined();
});

test("a client's own X-Forwarded-For is not trusted: changing it does not escape the per-address limit", async () => {
  const from = "127.0.0.42";
  const attempt = (i: number) =>
    signInOverHttp(`nobody-${i}-${Date.now()}@example.com`, "guess", { localAddress: from, headers: { "x-forwarded-for": `198.51.100.${i}` } });
  const first = [];
  for (let batch = 0; batch < 3; batch++) first.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(batch * 10 + i)))));
  expect(first.map((o) => o.status)).toEqual(Array(30).fill(401));
  const next = await attempt(99);
  expect(next.status).toBe(429);
  expect(Number((await rawRequest("/api/health", { localAddress: from })).status)).toBe(200);
});

test("sign-up is limited per address: past the limit it says when to try again and creates nothing", async ({ browser }) => {
  const context = await browser.newContext();
  const taken = await signUp(await context.newPage(), "taken");
  await context.close();
  const from = { localAddress: "127.0.0.44" };

  // Every attempt counts, one for an email already taken included (those are cheap to make in numbers).
  for (let sent = 0; sent < E2E_SIGNUPS_PER_IP; sent += 20) {
    const batch = await Promise.all(Array.from({ length: Math.min(20, E2E_SIGNUPS_PER_IP - sent) }, () => signUpOverHttp({ email: taken, password: PASSWORD }, from)));
    for (const result of batch) expect(result.errors.email).toMatch(/cannot be used/);
  }
  const fresh = uniqueEmail("past-the-limit");
  const refused = await signUpOverHttp({ email: fresh, password: PASSWORD }, from);
  expect(refused).toEqual({ ok: false, errors: { form: expect.stringMatching(/^Too many sign-ups from your network in the last hour\. Try again in \d+ minutes\.$/) } });

  // Nothing was created: the same email signs up from another address.
  expect(await signUpOverHttp({ email: fresh, password: PASSWORD }, { localAddress: "127.0.0.45" })).toEqual({ ok: true, errors: {} });
});
