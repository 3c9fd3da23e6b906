import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { PORT } from "./support/http";

/** A simulated year of reviews for the account, written into the e2e server's database (e2e/support/seed-memory.ts). */
function seedHistory(email: string) {
  execFileSync(process.execPath, ["--import", "tsx", "e2e/support/seed-memory.ts", email], {
    env: { ...process.env, LATENT_DATA_DIR: path.join(os.tmpdir(), `latent-e2e-${PORT}`) },
    stdio: "pipe",
  });
}

/** The interval each rating button would give the card on screen. */
async function intervalLabels(page: Page): Promise<string[]> {
  await page.goto("/review");
  const question = await page.getByTestId("question").textContent();
  await page.keyboard.press("Space");
  await expect(page.getByTestId("answer")).toBeVisible();
  const labels = await Promise.all([1, 2, 3, 4].map((rating) => page.getByTestId(`interval-${rating}`).textContent()));
  return [question ?? "", ...labels.map((label) => label ?? "")];
}

test("a learner with a history optimizes their memory model, sees the held-out metrics, and the buttons' intervals change", async ({ page, signUp }) => {
  test.setTimeout(180_000);
  const email = await signUp("memory");

  // Too few reviews: the page says how many are needed, and offers no button.
  await page.goto("/settings");
  await expect(page.getByTestId("optimize-not-yet")).toContainText("at least 400 reviews");
  await expect(page.getByTestId("optimize-not-yet")).toContainText("you have 0");
  await expect(page.getByRole("button", { name: "Optimize my memory model" })).toHaveCount(0);
  await expect(page.getByTestId("parameters-in-use")).toContainText("FSRS's default parameters");

  seedHistory(email);
  const before = await intervalLabels(page);

  await page.goto("/settings");
  await page.getByRole("button", { name: "Optimize my memory model" }).click();
  await expect(page.getByRole("progressbar", { name: "Optimization progress" })).toBeVisible();
  const outcome = page.getByTestId("optimize-outcome");
  await expect(outcome).toBeVisible({ timeout: 120_000 });
  await expect(outcome).toContainText("Applied: the fitted parameters predict your held-out reviews better");
  // Before and after, on the held-out reviews: the fit's log loss is lower.
  const cells = async (row: string) => (await page.getByTestId(row).locator("td").allTextContents()).map((text) => text.trim());
  const [logLossBefore, logLossAfter] = (await cells("metric-log-loss")).map(Number);
  expect(logLossAfter).toBeLessThan(logLossBefore!);
  expect(await cells("metric-rmse")).toHaveLength(2);
  await expect(page.getByTestId("parameters-in-use")).toContainText("fitted to your own reviews");

  // The same card on the review screen now shows other intervals.
  const after = await intervalLabels(page);
  expect(after[0]).toBe(before[0]);
  expect(after.slice(1)).not.toEqual(before.slice(1));

  // The history keeps the optimization, and reverting it brings the defaults' intervals back.
  await page.goto("/settings");
  await page.getByText("History (1)").click();
  await page.getByRole("button", { name: "Revert" }).click();
  await expect(page.getByTestId("parameters-in-use")).toContainText("FSRS's default parameters");
  await expect(page.getByText("History (2)")).toBeVisible();
  expect(await intervalLabels(page)).toEqual(before);
});

test("the desired-retention helper simulates a year at 70–97 %, suggests one, and the learner picks another", async ({ page, signUp }) => {
  test.setTimeout(180_000);
  const email = await signUp("retention");
  seedHistory(email);
  await page.goto("/settings");
  await expect(page.getByLabel("Desired retention (%)")).toHaveValue("90");
  await page.getByRole("button", { name: "Simulate a year at each retention" }).click();
  const helper = page.getByTestId("retention-helper");
  await expect(helper).toBeVisible({ timeout: 120_000 });
  // One row per retention from 70 % to 97 %, each with its workload and memory; one of them suggested.
  const rows = helper.locator("tbody tr");
  await expect(rows).toHaveCount(28);
  await expect(rows.first().locator("th")).toHaveText(/^70 %/);
  await expect(rows.last().locator("th")).toHaveText(/^97 %/);
  await expect(helper.getByText("suggested", { exact: true })).toHaveCount(1);
  await expect(helper.getByRole("status")).toContainText(/Suggested: \d\d %/);
  const perDay = async (retention: string) => Number(await helper.getByRole("row", { name: new RegExp(`^${retention} %`) }).locator("td").first().textContent());
  expect(await perDay("97")).toBeGreaterThan(await perDay("70"));
  await expect(helper.getByRole("row", { name: /^90 %/ })).toContainText("in use");

  await helper.getByRole("button", { name: "Use 80 %" }).click();
  await expect(helper.getByRole("row", { name: /^80 %/ })).toContainText("in use");
  await expect(page.getByLabel("Desired retention (%)")).toHaveValue("80");
  await page.reload();
  await expect(page.getByLabel("Desired retention (%)")).toHaveValue("80");
});
