// Dark mode follows the system's preference: the page, the code blocks' highlighting and the lab's editor.
import { expect, test } from "./support/fixtures";

test.use({ colorScheme: "dark" });

/** An element's colour property as sRGB bytes (Tailwind's colours are oklch(); a canvas converts them). */
function toRgb(el: Element, property: "backgroundColor" | "color"): number[] {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const context = canvas.getContext("2d")!;
  context.fillStyle = getComputedStyle(el)[property];
  context.fillRect(0, 0, 1, 1);
  return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
}

test("in a dark system theme the page, a note's code and the lab's editor are dark, and turn light with the system", async ({ page, signUp }) => {
  await signUp("dark");
  await page.goto("/decks/ml-qa/notes/16");
  const pre = page.locator("pre").first();
  const keyword = pre.locator(".hljs-keyword").first();
  await expect(keyword).toBeVisible();
  const styles = async () => ({
    body: await page.locator("body").evaluate(toRgb, "backgroundColor" as const),
    pre: await pre.evaluate(toRgb, "backgroundColor" as const),
    keyword: await keyword.evaluate(toRgb, "color" as const),
  });
  // stone-950 page, stone-900 code, violet-300 keywords; then stone-50, stone-100, violet-700.
  expect(await styles()).toEqual({ body: [12, 10, 9], pre: [28, 25, 23], keyword: [196, 181, 253] });
  await page.emulateMedia({ colorScheme: "light" });
  expect(await styles()).toEqual({ body: [250, 250, 249], pre: [245, 245, 244], keyword: [109, 40, 217] });

  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/lab/kl-divergence");
  const editor = page.locator(".monaco-editor");
  await expect(editor).toBeVisible({ timeout: 30_000 });
  await expect(editor).toHaveClass(/\bvs-dark\b/);
  await expect(page.getByTestId("editor")).toHaveAttribute("data-theme", "latent-dark");
  // The system switches to light while the page is open: the editor follows.
  await page.emulateMedia({ colorScheme: "light" });
  await expect(editor).not.toHaveClass(/\bvs-dark\b/);
  await expect(page.getByTestId("editor")).toHaveAttribute("data-theme", "light");
});
