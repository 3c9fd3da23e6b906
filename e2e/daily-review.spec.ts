import { expect, test, type Page } from "@playwright/test";

async function signUp(page: Page) {
  await page.goto("/signup");
  await page.getByLabel("Email").fill(`reviewer-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/decks$/);
}

async function counts(page: Page) {
  const [n, l, r] = await Promise.all(["new", "learning", "review"].map((k) => page.getByTestId(`count-${k}`).textContent()));
  return { new: Number(n), learning: Number(l), review: Number(r) };
}

test("a new learner reviews five cards with the keyboard only, undoes one, reloads and sees the same state", async ({ page }) => {
  await signUp(page);
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

test("changing the new-card limit changes the queue, and bad settings are refused with a message", async ({ page }) => {
  await signUp(page);
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
  await expect(page.getByText("Saved.")).toBeVisible();

  await page.goto("/review");
  await expect(page.getByTestId("count-new")).toHaveText("3");

  await page.goto("/settings");
  await page.getByLabel("New cards per day").fill("2");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.goto("/review");
  await expect(page.getByTestId("done")).toBeVisible();
  await expect(page.getByTestId("count-new")).toHaveText("0");
});
