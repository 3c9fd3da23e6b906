// callbackUrl is followed only to a path of this site, in a real browser, for every way of writing an off-site URL
// that a browser would still follow (backslashes, tabs and newlines that URL parsing drops, scheme-relative, …).
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { PASSWORD, signUp } from "./support/accounts";
import { ORIGIN, signInOverHttp } from "./support/http";

const VECTORS = [
  "/\\evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "//evil.example",
  " //evil.example",
  "///evil.example",
  "/%09/evil.example",
  "/%5Cevil.example",
  "https://evil.example",
  "http:evil.example",
  "http://localhost@evil.example/",
  "javascript:alert(document.domain)",
  "data:text/html,<script>alert(1)</script>",
];

/** Records every request that leaves this site and every dialog; evil.example answers so a redirect would land. */
async function watch(context: BrowserContext, page: Page) {
  const offsite: string[] = [];
  const dialogs: string[] = [];
  await context.route(
    (url) => url.hostname !== "localhost",
    (route) => {
      offsite.push(route.request().url());
      return route.fulfill({ status: 200, contentType: "text/html", body: "<title>evil</title>" });
    },
  );
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return { offsite, dialogs };
}

test("signing in follows callbackUrl only to a path of this site", async ({ browser }) => {
  test.setTimeout(240_000);
  const setup = await browser.newContext();
  const email = await signUp(await setup.newPage(), "redirect");
  await setup.close();

  for (const vector of VECTORS) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const seen = await watch(context, page);
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(vector)}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.hostname !== "localhost" || !url.pathname.startsWith("/signin"));
    expect(seen.offsite, JSON.stringify(vector)).toEqual([]);
    expect(seen.dialogs, JSON.stringify(vector)).toEqual([]);
    expect(new URL(page.url()).origin, JSON.stringify(vector)).toBe(ORIGIN);
    await expect(page.getByTestId("current-user")).toBeVisible();

    await context.close();
  }
});

test("already signed in, the sign-in page redirects only to a path of this site", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, "redirect-signed-in");
  const seen = await watch(context, page);
  for (const vector of VECTORS) {
    // A redirect off-site fails to load here (no such host): that is recorded as leaving the site.
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(vector)}`).catch((error: Error) => seen.offsite.push(error.message));
    await page.waitForLoadState("load");
    expect(seen.offsite, JSON.stringify(vector)).toEqual([]);
    expect(seen.dialogs, JSON.stringify(vector)).toEqual([]);
    expect(new URL(page.url()).origin, JSON.stringify(vector)).toBe(ORIGIN);
  }
});

test("a same-site callbackUrl is kept, query included", async ({ page }) => {
  const email = await signUp(page, "kept");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("/lab/kl-divergence?backend=cpu")}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${ORIGIN}/lab/kl-divergence?backend=cpu`);
});

test("next-auth's own redirect target stays on this site for every vector", async ({ browser }) => {
  const context = await browser.newContext();
  const email = await signUp(await context.newPage(), "next-auth-redirect");
  await context.close();
  for (const vector of VECTORS) {
    const { body } = await signInOverHttp(email, PASSWORD, { headers: {}, callbackUrl: vector });
    const url = new URL((JSON.parse(body) as { url: string }).url);
    expect(url.origin, JSON.stringify(vector)).toBe(ORIGIN);
    expect(url.pathname.startsWith("//") || url.pathname.startsWith("/\\"), JSON.stringify(vector)).toBe(false);
  }
});
