// Accounts for specs: a fresh learner signed up through the real form.
import { expect, type Page } from "@playwright/test";

export const PASSWORD = "correct horse battery";

/**
 * The e2e server's sign-up limit per address (LATENT_SIGNUPS_PER_IP, set in playwright.config.ts): the suite signs
 * up many learners from one address, more than a real network would in an hour.
 */
export const E2E_SIGNUPS_PER_IP = 200;

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
}

/** Signs up a fresh account through the form on `page` (optionally with a display name); returns its email. */
export async function signUp(page: Page, prefix = "learner", name?: string): Promise<string> {
  const email = uniqueEmail(prefix);
  await page.goto("/signup");
  if (name !== undefined) await page.getByLabel("Name (optional)").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/decks$/);
  return email;
}

/** The Cookie header of this page's session, for requests made outside the browser. */
export async function sessionCookieOf(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  if (!cookie) throw new Error("the page has no session cookie");
  return `${cookie.name}=${cookie.value}`;
}
