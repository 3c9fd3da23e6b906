import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";

async function counts(page: Page) {
  const [n, l, r] = await Promise.all(["new", "learning", "review"].map((k) => page.getByTestId(`count-${k}`).textContent()));
  return { new: Number(n), learning: Number(l), review: Number(r) };
}

test("a new learner reviews five cards with the keyboard only, undoes one, reloads and sees the same state", async ({ page, signUp }) => {
  await signUp("reviewer");
  await page.goto("/review");
  await expect(page.getByTestId("question")).toBeVisible();
  expect(await counts(page)).toEqual({ new: 20, learning: 0, review: 0 });

  const questions: string[] = [];
  for (let i = 0; i < 5; i++) {
    const question = page.getByTestId("question");
    questions.push((await question.textContent()) ?? "");
    await page.keyboard.press("Space");
    await expect(page.getByTestId("answer")).toBeVisible();
    // Every button shows the interval it would give.
    for (const rating of [1, 2, 3, 4]) await expect(page.getByTestId(`interval-${rating}`)).toHaveText(/^\d+(\.\d)?(m|h|d|mo|y)$/);
    await page.keyboard.press("3");
    await expect(page.getByTestId("count-new")).toHaveText(String(19 - i));
  }
  expect(new Set(questions).size).toBe(5);
  expect(await counts(page)).toEqual({ new: 15, learning: 5, review: 0 });

  await page.keyboard.press("z");
  await expect(page.getByRole("status")).toHaveText(/Undone/);
  await expect(page.getByTestId("question")).toHaveText(questions[4]!);
  expect(await counts(page)).toEqual({ new: 16, learning: 4, review: 0 });

  await page.reload();
  await expect(page.getByTestId("question")).toHaveText(questions[4]!);
  expect(await counts(page)).toEqual({ new: 16, learning: 4, review: 0 });
});

test("changing the new-card limit changes the queue, and bad settings are refused with a message", async ({ page, signUp }) => {
  await signUp("reviewer");
  await page.goto("/review");
  for (let i = 0; i < 2; i++) {
    await page.keyboard.press("Space");
    await page.keyboard.press("4");
    await expect(page.getByTestId("count-new")).toHaveText(String(19 - i));
  }

  await page.goto("/settings");
  await page.getByLabel("Desired retention (%)").fill("150");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Nothing was saved. Fix the fields marked below.")).toBeVisible();
  await expect(page.getByText(/Desired retention must be between/)).toBeVisible();

  await page.getByLabel("Desired retention (%)").fill("90");
  await page.getByLabel("New cards per day").fill("5");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/^Saved\./)).toBeVisible();

  await page.goto("/review");
  await expect(page.getByTestId("count-new")).toHaveText("3");

  await page.goto("/settings");
  await page.getByLabel("New cards per day").fill("2");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/^Saved\./)).toBeVisible();
  await page.goto("/review");
  await expect(page.getByTestId("done")).toBeVisible();
  await expect(page.getByTestId("count-new")).toHaveText("0");
});

test("leech settings are saved, and card info shows the history of the card on screen", async ({ page, signUp }) => {
  await signUp("reviewer");
  await page.goto("/settings");
  await page.getByLabel("New cards per day").fill("1");
  await page.getByLabel("Leech after (lapses)").fill("4");
  await page.getByLabel("Mark it and suspend it").check();
  await page.getByLabel("Learning steps", { exact: true }).fill("999999999999d");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/"999999999999d" is longer than a year/)).toBeVisible();
  // What was typed stays typed: only the field at fault needs fixing.
  await expect(page.getByLabel("Leech after (lapses)")).toHaveValue("4");
  await expect(page.getByLabel("Mark it and suspend it")).toBeChecked();
  await expect(page.getByLabel("Learning steps", { exact: true })).toHaveValue("999999999999d");
  await page.getByLabel("Learning steps", { exact: true }).fill("1m 10m");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/^Saved\./)).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Leech after (lapses)")).toHaveValue("4");
  await expect(page.getByLabel("Mark it and suspend it")).toBeChecked();

  await page.goto("/review");
  const question = (await page.getByTestId("question").textContent()) ?? "";
  await page.keyboard.press("Space");
  await expect(page.getByTestId("interval-1")).toHaveText("1m");
  await page.keyboard.press("1");
  // The only card of the day comes back early (learn-ahead): nothing else waits.
  await expect(page.getByTestId("count-learning")).toHaveText("1");
  await expect(page.getByTestId("question")).toHaveText(question);
  await page.getByRole("link", { name: "Card info" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(question);
  await expect(page.getByTestId("fact-state")).toHaveText("Learning");
  const rows = page.getByTestId("history").locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Again");
  await expect(rows.first()).toContainText("New");
});
