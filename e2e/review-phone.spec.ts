// Review on a phone (Pixel 7 size): the ratings stay on screen once the answer shows, however long it is.
import { devices, type Locator, type Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";

test.use({ viewport: devices["Pixel 7"].viewport, isMobile: true, hasTouch: true });

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error("not rendered");
  return b;
}

async function expectRatingsOnScreen(page: Page) {
  const height = page.viewportSize()!.height;
  for (const name of ["Again", "Hard", "Good", "Easy"]) {
    const button = page.getByRole("group", { name: "How well did you remember?" }).getByRole("button", { name: new RegExp(name) });
    await expect(button).toBeInViewport({ ratio: 1 });
    const b = await box(button);
    expect(b.height, `${name} is at least 44 px tall`).toBeGreaterThanOrEqual(44);
    expect(b.width, `${name} is at least 44 px wide`).toBeGreaterThanOrEqual(44);
    expect(b.y + b.height).toBeLessThanOrEqual(height);
  }
}

test("on a phone the rating buttons stay at the bottom of the screen however long the answer, and the counts say what they count", async ({ page, signUp }) => {
  await signUp("phone");
  await page.goto("/review");
  await expect(page.getByTestId("counts")).toHaveText(/20 new\s*0 learning\s*0 to review/);

  const show = page.getByRole("button", { name: /Show answer/ });
  expect((await box(show)).height).toBeGreaterThanOrEqual(44);
  await show.tap();
  await expect(page.getByTestId("answer")).toBeVisible();
  await expectRatingsOnScreen(page);

  // A long answer (as long as a screen and a half of text): the ratings are still on screen at the top of the
  // page, and still there once scrolled to its end.
  await page.getByTestId("answer").evaluate((answer) => {
    const paragraph = answer.ownerDocument.createElement("p");
    paragraph.textContent = "A long answer line. ".repeat(400);
    answer.append(paragraph);
  });
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(page.viewportSize()!.height * 2);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectRatingsOnScreen(page);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
  await expectRatingsOnScreen(page);
  // At the end of the page the links under the ratings are reachable and the ratings do not cover them.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expectRatingsOnScreen(page);
  const cardInfo = page.getByRole("link", { name: "Card info" });
  await expect(cardInfo).toBeInViewport({ ratio: 1 });
  expect((await box(cardInfo)).height).toBeGreaterThanOrEqual(44);
  const ratings = await box(page.getByTestId("ratings"));
  const info = await box(cardInfo);
  expect(info.y >= ratings.y + ratings.height || info.y + info.height <= ratings.y).toBe(true);

  await page.getByRole("button", { name: /Good/ }).tap();
  await expect(page.getByTestId("count-new")).toHaveText("19");
  await expect(page.getByTestId("count-learning")).toHaveText("1");
});
