import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";

async function reviewFive(page: Page) {
  await page.goto("/review");
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press("Space");
    await expect(page.getByTestId("answer")).toBeVisible();
    await page.keyboard.press("3");
    await expect(page.getByTestId("count-new")).toHaveText(String(19 - i));
  }
}

test("a new learner reviews five cards: today's heatmap cell says 5 and the retention table counts them", async ({ page, signUp }) => {
  await signUp("progress");
  await page.goto("/progress");
  await expect(page.getByTestId("heatmap-today")).toHaveAttribute("data-count", "0");

  await reviewFive(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Progress", exact: true }).click();
  await expect(page).toHaveURL(/\/progress$/);
  await expect(page.getByRole("heading", { name: "Progress", level: 1 })).toBeVisible();

  const today = page.getByTestId("heatmap-today");
  await expect(today).toHaveAttribute("data-count", "5");
  await expect(today.locator("title")).toHaveText(/^Today, .+: 5 reviews$/);
  await expect(page.getByTestId("today-reviews")).toHaveText("5 reviews");
  await expect(page.getByTestId("current-streak")).toHaveText("1 day");

  // New cards answered Good: learning answers, all passed; no review card was tested yet.
  await expect(page.getByTestId("retention-today-learning")).toContainText("100.0 %");
  await expect(page.getByTestId("retention-today-learning")).toContainText("5 of 5");
  await expect(page.getByTestId("retention-all-learning")).toContainText("5 of 5");
  await expect(page.getByTestId("retention-today-review")).toContainText("no reviews");
  await expect(page.getByTestId("cards-learning")).toHaveText("5");
  await expect(page.getByTestId("cards-new")).toHaveText("16");

  // The charts' numbers are there as tables, for screen readers and anyone.
  await page.getByText("Reviews per day: as a table").click();
  await expect(page.getByRole("row", { name: /^Today, .* 5 0 0 0 5$/ })).toBeVisible();

  // One deck: the learner's only deck counts the same; a deck they do not study gets a message.
  await page.getByLabel("Deck").selectOption("ml-qa");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/\/progress\?deck=ml-qa$/);
  await expect(page.getByTestId("heatmap-today")).toHaveAttribute("data-count", "5");
  await page.goto("/progress?deck=no-such-deck");
  await expect(page.getByRole("alert").filter({ hasText: "You do not study" })).toContainText("You do not study a deck named “no-such-deck”.");

  // The home page sums it up and links here.
  await page.goto("/");
  await expect(page.getByTestId("progress-summary")).toContainText("Reviewed today5");
  await page.getByRole("link", { name: /See your progress/ }).click();
  await expect(page).toHaveURL(/\/progress$/);
});

test("the progress page fits a phone, passes an accessibility audit and loads no chart script", async ({ page, signUp }) => {
  await signUp("progress");
  await reviewFive(page);
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(request.url());
  });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/progress?range=90");
  await expect(page.getByRole("link", { name: "90 days" })).toHaveAttribute("aria-current", "page");
  // Nothing but the heatmap's own scroll box is wider than the screen; it opens on the latest weeks.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expect(page.getByTestId("heatmap-today")).toBeInViewport();

  await page.addScriptTag({ content: fs.readFileSync(path.join(process.cwd(), "node_modules/axe-core/axe.min.js"), "utf8") });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run();
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  expect(violations).toEqual([]);
  // No chart library reaches the browser: the charts are SVG written on the server.
  const bodies = await Promise.all(scripts.map((url) => page.request.get(url).then((r) => r.text())));
  expect(scripts.length).toBeGreaterThan(0);
  expect(bodies.filter((body) => /visx-|MonacoEnvironment|tfjs-core/.test(body))).toEqual([]);
});
