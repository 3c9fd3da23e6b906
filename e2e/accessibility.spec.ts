// axe-core on every page a learner or an instructor can reach, in the light and the dark colour scheme: any
// violation, of any impact, fails.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";

test.setTimeout(360_000);

const AXE = fs.readFileSync(path.join(process.cwd(), "node_modules/axe-core/axe.min.js"), "utf8");
const reference = fs.readFileSync("lab/kl-divergence/solution.ts", "utf8");
const reversed = fs.readFileSync("lab/kl-divergence/wrong/reversed.ts", "utf8");

type Violation = { id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> };

/** Audits the page as it is, in both colour schemes; every violation is reported (softly, so one run lists all). */
async function audit(page: Page, what: string) {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    // The lab's editor takes its theme from script, a frame after the system's scheme changes: audit it once done.
    await page.waitForFunction((theme) => [...document.querySelectorAll("[data-testid=editor]")].every((editor) => editor.getAttribute("data-theme") === theme), colorScheme === "dark" ? "latent-dark" : "light");
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: Violation[] }> } }).axe;
      const { violations } = await axe.run(document);
      return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    });
    expect.soft(violations, `${what} (${page.url()}, ${colorScheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

test("signed out: home, sign-in, sign-up and an invite link", async ({ page }) => {
  await page.goto("/");
  await audit(page, "home");
  await page.goto("/signin");
  await audit(page, "sign-in");
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await audit(page, "sign-in with an error");
  await page.goto("/signup");
  await audit(page, "sign-up");
  await page.goto("/join/ABCD-EFGH");
  await audit(page, "an invite link, signed out");
});

test("a learner's pages: decks, a note with code, review before and after the answer, card info, settings, account, progress", async ({ newAccount }) => {
  const { page } = await newAccount("a11y", { name: "Alex" });
  await audit(page, "decks");
  await page.goto("/");
  await audit(page, "home, signed in");
  await page.goto("/decks/ml-qa");
  await audit(page, "a deck");
  await page.goto("/decks/ml-qa/notes/16");
  await expect(page.locator("pre code.hljs").first()).toBeVisible();
  await audit(page, "a note with code");

  await page.goto("/review");
  await expect(page.getByTestId("question")).toBeVisible();
  await audit(page, "review, before the answer");
  await page.keyboard.press("Space");
  await expect(page.getByTestId("answer")).toBeVisible();
  await audit(page, "review, after the answer");
  await page.getByRole("link", { name: "Card info" }).click();
  await expect(page).toHaveURL(/\/review\/cards\//);
  await audit(page, "card info");

  await page.goto("/settings");
  await audit(page, "settings");
  await page.goto("/account");
  await audit(page, "account");
  await page.goto("/progress");
  await audit(page, "progress");
});

test("the lab: its list, an exercise, its results and a graded submission", async ({ newAccount, typeCode }) => {
  const { page } = await newAccount("a11y-lab", { name: "Lee" });
  await page.goto("/lab");
  await audit(page, "the lab's list");
  await page.goto("/lab/kl-divergence");
  await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
  await audit(page, "an exercise");
  await typeCode(reversed, page);
  await page.getByRole("button", { name: /Run tests/ }).click();
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-status", "fail", { timeout: 60_000 });
  await audit(page, "an exercise with failing results");
  await typeCode(reference, page);
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-status", "pass", { timeout: 90_000 });
  await audit(page, "an exercise with a graded submission");
});

test("the teaching pages: admin, teach, a class, a track, the gradebook, a learner's page; a learner's tracks and join page", async ({ newAccount }) => {
  const admin = await newAccount("a11y-admin", { name: "Ada Admin", role: "admin" });
  await admin.page.goto("/admin");
  await audit(admin.page, "admin");

  const teacher = await newAccount("a11y-teacher", { name: "Tess Teacher", role: "instructor" });
  const t = teacher.page;
  await t.goto("/teach");
  await audit(t, "teach, no class yet");
  await t.getByLabel("Name", { exact: true }).fill(`A11y ${Date.now()}`);
  await t.getByRole("button", { name: "Create class" }).click();
  await expect(t.getByTestId("join-code")).toBeVisible();
  const classUrl = t.url();
  const code = (await t.getByTestId("join-code").textContent())!.trim();
  await t.getByLabel("New track").fill("Week 1");
  await t.getByRole("button", { name: "Add track" }).click();
  await t.getByRole("list", { name: "Tracks" }).getByRole("link", { name: "Week 1" }).click();
  await expect(t.getByRole("heading", { level: 1 })).toHaveText("Week 1");
  await t.getByLabel("Deck", { exact: true }).selectOption({ label: "Machine Learning Q&A (21 notes)" });
  await t.getByLabel(/Due date/).fill("2030-01-01T12:00");
  await t.getByRole("button", { name: "Add to track" }).click();
  await expect(t.getByTestId("track-item")).toHaveCount(1);
  await audit(t, "a track");

  const learner = await newAccount("a11y-learner", { name: "Lena Learner" });
  await learner.page.goto(`/join/${code}`);
  await audit(learner.page, "an invite link, signed in");
  await learner.page.goto("/tracks");
  await audit(learner.page, "tracks, before joining");
  await learner.page.getByLabel("Class code").fill(code);
  await learner.page.getByRole("button", { name: "Join", exact: true }).click();
  await expect(learner.page.getByRole("status").filter({ hasText: "You joined" })).toBeVisible();
  await learner.page.reload();
  await expect(learner.page.getByTestId("my-class")).toBeVisible();
  await audit(learner.page, "tracks, in a class");

  await t.goto(classUrl);
  await audit(t, "a class");
  await t.goto("/teach");
  await audit(t, "teach, with a class");
  await t.goto(`${classUrl}/gradebook`);
  await expect(t.locator(`[data-testid="gradebook-row"][data-learner="${learner.email}"]`)).toBeVisible();
  await audit(t, "the gradebook");
  await t.locator(`[data-testid="gradebook-row"][data-learner="${learner.email}"]`).getByRole("link").first().click();
  await expect(t).toHaveURL(/\/learners\//);
  await audit(t, "a learner's page");
});
