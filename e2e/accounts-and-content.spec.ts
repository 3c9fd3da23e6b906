import { PASSWORD } from "./support/accounts";
import { expect, test } from "./support/fixtures";

test("sign up → sign in → deck → a note with highlighted code → sign out", async ({ page }) => {
  // No request may leave the machine: no CDN, no web fonts, no analytics.
  const outside: string[] = [];
  page.on("request", (request) => {
    const { protocol, hostname } = new URL(request.url());
    if (!["data:", "blob:"].includes(protocol) && !["localhost", "127.0.0.1"].includes(hostname)) outside.push(request.url());
  });
  const email = `learner-${Date.now()}@example.com`;

  await page.goto("/signup");
  await page.getByLabel("Name (optional)").fill("Ada");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/decks$/);

  // Sign out, then sign in again with the new account.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/decks$/);

  // One deck with 21 notes (Q13 does not exist in the source).
  const deck = page.getByRole("list", { name: "Decks" }).getByRole("link");
  await expect(deck).toHaveCount(1);
  await expect(deck).toContainText("21 notes");
  await deck.click();
  const notes = page.getByRole("list", { name: "Notes" }).getByRole("listitem");
  await expect(notes).toHaveCount(21);
  await expect(page.getByRole("link", { name: /^Q13\b/ })).toHaveCount(0);

  await page.getByRole("link", { name: /^Q5\b/ }).click();
  await expect(page.getByTestId("answer")).toContainText("Léon Bottou");

  for (const n of [16, 18]) {
    await page.goto(`/decks/ml-qa/notes/${n}`);
    const code = page.locator("pre code.hljs").first();
    await expect(code).toBeVisible();
    await expect(code.locator("span.hljs-keyword").first()).toBeVisible();
  }

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/decks");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fdecks/);
  expect(outside).toEqual([]);
});

test("a wrong password shows an error and does not sign in", async ({ page, signUp }) => {
  const email = await signUp("wrong");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" })).toBeVisible();

  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#main").getByRole("alert")).toHaveText("That email and password do not match an account. Check them and try again.");
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/decks");
  await expect(page).toHaveURL(/\/signin/);
});

test("sign-up explains what is wrong with the form and creates nothing", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address, like ada@example.com.")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters for your password.")).toBeVisible();
  await expect(page).toHaveURL(/\/signup$/);
});

test("repeated failed sign-ins are answered 429 with Retry-After, and the form says when to try again", async ({ page, request }) => {
  const email = `locked-${Date.now()}@example.com`;
  const attempt = async () => {
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    return request.post("/api/auth/callback/credentials", {
      headers: { origin: `http://localhost:${Number(process.env.E2E_PORT) || 3100}` },
      form: { email, password: "wrong password", csrfToken, json: "true" },
      maxRedirects: 0,
    });
  };
  for (let i = 0; i < 5; i++) expect((await attempt()).status()).not.toBe(429);
  const locked = await attempt();
  expect(locked.status()).toBe(429);
  expect(Number(locked.headers()["retry-after"])).toBeGreaterThan(0);

  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#main").getByRole("alert")).toHaveText(/Too many failed sign-ins\. Try again in \d+ minutes\./);
});
