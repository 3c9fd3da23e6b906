// Cross-site requests against the production server: a hostile page (another port of the same host, so the
// learner's SameSite=Lax cookie still rides along) and forged requests carrying a learner's cookie. Every
// state-changing route answers only same-origin JSON; server actions and next-auth's endpoints refuse other sites.
import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, sessionCookieOf, signUp } from "./support/accounts";
import { attackerSite, attr, type AttackerSite } from "./support/attacker";
import { ORIGIN, rawRequest } from "./support/http";

let attacker: AttackerSite;
test.beforeAll(async () => {
  attacker = await attackerSite();
});
test.afterAll(async () => {
  await attacker.close();
});

/** A same-origin request made by the learner's own page, as the app's client code makes it. */
async function fromPage(page: Page, path: string, method: string, body?: unknown) {
  return page.evaluate(
    async ({ path, method, body }) => {
      const response = await fetch(path, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, body: await response.text() };
    },
    { path, method, body },
  );
}

async function answerOneCard(page: Page) {
  const queue = JSON.parse((await fromPage(page, "/api/review/queue", "GET")).body) as { card: { id: string; version: number } };
  const answered = await fromPage(page, "/api/review/answer", "POST", { cardId: queue.card.id, version: queue.card.version, rating: 3, durationMs: 1000 });
  expect(answered.status).toBe(200);
}

async function visitAttacker(page: Page, path: string, html: string) {
  attacker.serve(path, html);
  await page.goto(attacker.url(path));
  await expect(page).toHaveTitle("done", { timeout: 15_000 });
}

test("a page on another site cannot submit code or undo a review with the learner's cookie", async ({ page }) => {
  await signUp(page, "victim");
  await page.goto("/review");
  await answerOneCard(page);

  // text/plain POSTs are "simple" requests: the browser sends them cross-origin without asking, cookie included.
  await visitAttacker(
    page,
    "/simple-posts",
    `<title>working</title><script>
      const target = ${JSON.stringify(ORIGIN)};
      const post = (path, body) => fetch(target + path, { method: "POST", mode: "no-cors", credentials: "include", headers: { "content-type": "text/plain" }, body: JSON.stringify(body) }).catch(() => null);
      Promise.all([
        post("/api/lab/submissions", { exerciseId: "kl-divergence", code: "export const klDivergence = () => 0;" }),
        post("/api/review/undo", {}),
      ]).then(() => { document.title = "done"; });
    </script>`,
  );

  await page.goto("/review");
  const submissions = await fromPage(page, "/api/lab/submissions?exercise=kl-divergence", "GET");
  expect(JSON.parse(submissions.body)).toEqual({ submissions: [], nextCursor: null });
  // The learner's own answer is still there to undo: the forged undo changed nothing.
  expect((await fromPage(page, "/api/review/undo", "POST", {})).status).toBe(200);
});

test("JSON routes answer only same-origin JSON: other origins 403, other types 415, nothing written", async ({ page }) => {
  await signUp(page, "forged");
  const cookie = await sessionCookieOf(page);
  const draft = (marker: string, headers: Record<string, string>) =>
    rawRequest("/api/lab/drafts/kl-divergence", { method: "PUT", headers: { cookie, ...headers }, body: JSON.stringify({ code: `// ${marker}` }) });
  const json = "application/json";

  const refused: Array<{ marker: string; headers: Record<string, string>; status: number }> = [
    { marker: "FORGED_TEXT_PLAIN_EVIL", headers: { "content-type": "text/plain", origin: "http://evil.example" }, status: 403 },
    { marker: "FORGED_JSON_EVIL", headers: { "content-type": json, origin: "http://evil.example" }, status: 403 },
    { marker: "FORGED_JSON_NULL_ORIGIN", headers: { "content-type": json, origin: "null" }, status: 403 },
    { marker: "FORGED_JSON_OTHER_PORT", headers: { "content-type": json, origin: attacker.origin }, status: 403 },
    { marker: "FORGED_JSON_SAME_SITE", headers: { "content-type": json, "sec-fetch-site": "same-site" }, status: 403 },
    { marker: "FORGED_JSON_NO_ORIGIN", headers: { "content-type": json }, status: 403 },
    { marker: "FORGED_TEXT_PLAIN_SAME_ORIGIN", headers: { "content-type": "text/plain", origin: ORIGIN }, status: 415 },
    { marker: "FORGED_FORM_SAME_ORIGIN", headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN }, status: 415 },
  ];
  for (const { marker, headers, status } of refused) {
    const response = await draft(marker, headers);
    expect(response.status, marker).toBe(status);
    expect(JSON.parse(response.body).error.message, marker).toMatch(status === 403 ? /another site|origin/i : /JSON/);
  }
  for (const path of ["/api/review/undo", "/api/lab/submissions"]) {
    const forged = await rawRequest(path, { method: "POST", headers: { cookie, "content-type": "text/plain", origin: "http://evil.example" }, body: JSON.stringify({ exerciseId: "kl-divergence", code: "x" }) });
    expect(forged.status, path).toBe(403);
  }

  // What the app's own pages send is accepted: Origin, or only Sec-Fetch-Site: same-origin.
  expect((await draft("SAME_ORIGIN_BY_FETCH_METADATA", { "content-type": json, "sec-fetch-site": "same-origin" })).status).toBe(200);
  expect((await draft("SAME_ORIGIN_OK", { "content-type": "application/json; charset=utf-8", origin: ORIGIN })).status).toBe(200);
  const lab = await page.request.get("/lab/kl-divergence");
  const html = await lab.text();
  expect(html).toContain("SAME_ORIGIN_OK");
  for (const { marker } of refused) expect(html, marker).not.toContain(marker);
  expect((await page.request.get("/api/lab/submissions?exercise=kl-divergence").then((r) => r.json())).submissions).toEqual([]);
});

test("a server action posted from another site is refused", async ({ page }) => {
  await signUp(page, "action");
  await page.goto("/decks/ml-qa");
  await expect(page.getByRole("button", { name: "Stop studying" })).toBeVisible();
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Stop studying" }) });
  const fields = await form.locator("input[type=hidden]").evaluateAll((inputs) => inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value]));
  expect(fields.some(([name]) => name!.startsWith("$ACTION_ID_"))).toBe(true);

  // The exact form the page renders, posted from the attacker's page.
  await visitAttacker(
    page,
    "/action",
    `<title>working</title>
    <iframe name="sink"></iframe>
    <form method="POST" enctype="multipart/form-data" target="sink" action="${attr(`${ORIGIN}/decks/ml-qa`)}">
      ${fields.map(([name, value]) => `<input type="hidden" name="${attr(name!)}" value="${attr(value!)}">`).join("")}
    </form>
    <script>
      document.querySelector("iframe").addEventListener("load", () => { document.title = "done"; });
      document.forms[0].submit();
    </script>`,
  );
  await page.goto("/decks/ml-qa");
  await expect(page.getByRole("button", { name: "Stop studying" })).toBeVisible();
  await expect(page.getByText("Its cards are in your daily review.")).toBeVisible();

  // The same form, from the page itself, works.
  await page.getByRole("button", { name: "Stop studying" }).click();
  await expect(page.getByRole("button", { name: "Study this deck" })).toBeVisible();
});

/** A csrf cookie and token pair from next-auth, as anyone can get one. */
async function csrfPair() {
  const response = await rawRequest("/api/auth/csrf");
  const cookie = response.cookies.find((c) => c.startsWith("next-auth.csrf-token="))!;
  return { cookieValue: cookie.slice("next-auth.csrf-token=".length), token: (JSON.parse(response.body) as { csrfToken: string }).csrfToken };
}

// Cookies are not isolated by port: a page on localhost:<other> can set next-auth's csrf cookie for localhost, then
// post next-auth's form with the token it chose ("cookie tossing"). Only the Origin check refuses that.
test("another site cannot sign a learner in to its own account, or sign them out", async ({ page, browser }) => {
  // The attacker's own account.
  const attackerContext = await browser.newContext();
  const attackerEmail = await signUp(await attackerContext.newPage(), "attacker");
  await attackerContext.close();

  // Login CSRF: the victim, signed out, visits the attacker's page.
  const pair = await csrfPair();
  await visitAttacker(
    page,
    "/sign-in-as-me",
    `<title>working</title>
    <iframe name="sink"></iframe>
    <form method="POST" target="sink" action="${attr(`${ORIGIN}/api/auth/callback/credentials`)}">
      <input name="email" value="${attr(attackerEmail)}"><input name="password" value="${attr(PASSWORD)}">
      <input name="csrfToken" value="${attr(pair.token)}">
    </form>
    <script>
      document.cookie = "next-auth.csrf-token=${pair.cookieValue}; path=/";
      document.querySelector("iframe").addEventListener("load", () => { document.title = "done"; });
      document.forms[0].submit();
    </script>`,
  );
  await page.goto("/");
  await expect(page.getByTestId("current-user")).toHaveCount(0);

  // Forced sign-out: the victim signs in, then visits the attacker's page.
  const victimEmail = await signUp(page, "victim");
  const signOutPair = await csrfPair();
  await visitAttacker(
    page,
    "/sign-out",
    `<title>working</title>
    <iframe name="sink"></iframe>
    <form method="POST" target="sink" action="${attr(`${ORIGIN}/api/auth/signout`)}"><input name="csrfToken" value="${attr(signOutPair.token)}"></form>
    <script>
      document.cookie = "next-auth.csrf-token=${signOutPair.cookieValue}; path=/";
      document.querySelector("iframe").addEventListener("load", () => { document.title = "done"; });
      document.forms[0].submit();
    </script>`,
  );
  await page.goto("/");
  await expect(page.getByTestId("current-user")).toHaveText(`Your account: ${victimEmail}`);
});
