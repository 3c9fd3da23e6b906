// Sessions end on the server: after signing out, a copy of the session cookie no longer works, and "Sign out
// everywhere" ends every session of the account.
import { expect, test } from "@playwright/test";
import { PASSWORD, sessionCookieOf, signUp } from "./support/accounts";
import { rawRequest } from "./support/http";

const asCookie = (cookie: string) => rawRequest("/api/review/queue", { headers: { cookie } });

test("signing out ends the session on the server: a copied cookie stops working", async ({ page }) => {
  await signUp(page, "copied");
  const copied = await sessionCookieOf(page);
  expect((await asCookie(copied)).status).toBe(200);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" })).toBeVisible();

  expect((await asCookie(copied)).status).toBe(401);
  const pageWithCopy = await rawRequest("/decks", { headers: { cookie: copied } });
  expect(pageWithCopy.status).toBe(307);
  expect(pageWithCopy.headers.location).toMatch(/^\/signin\?callbackUrl=%2Fdecks/);
});

test("sign out everywhere ends all of the account's sessions, and no one else's", async ({ browser }) => {
  const laptop = await (await browser.newContext()).newPage();
  const email = await signUp(laptop, "everywhere");
  const laptopCookie = await sessionCookieOf(laptop);

  const phone = await (await browser.newContext()).newPage();
  await phone.goto("/signin");
  await phone.getByLabel("Email").fill(email);
  await phone.getByLabel("Password").fill(PASSWORD);
  await phone.getByRole("button", { name: "Sign in" }).click();
  await expect(phone).toHaveURL(/\/decks$/);
  const phoneCookie = await sessionCookieOf(phone);

  const someoneElse = await (await browser.newContext()).newPage();
  await signUp(someoneElse, "bystander");
  const bystanderCookie = await sessionCookieOf(someoneElse);

  await phone.goto("/account");
  await expect(phone.getByText(/signed in on 2 devices|2 sessions/i)).toBeVisible();
  await phone.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(phone).toHaveURL(/\/signin/);

  expect((await asCookie(laptopCookie)).status).toBe(401);
  expect((await asCookie(phoneCookie)).status).toBe(401);
  expect((await asCookie(bystanderCookie)).status).toBe(200);
  await laptop.goto("/decks");
  await expect(laptop).toHaveURL(/\/signin\?callbackUrl=%2Fdecks/);
});
