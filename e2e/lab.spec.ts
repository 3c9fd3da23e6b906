import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";

const reference = fs.readFileSync("lab/kl-divergence/solution.ts", "utf8");
const reversed = fs.readFileSync("lab/kl-divergence/wrong/reversed.ts", "utf8");
const infinite = `import * as tf from "@tensorflow/tfjs";

export function klDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  while (true) {}
}
`;

/** Runs (by the button, or Ctrl/Cmd+Enter in the editor) and waits for this run's verdict, not the previous one's. */
async function run(page: Page, how: "button" | "keyboard" = "button") {
  const results = page.getByTestId("results");
  const before = Number(await results.getAttribute("data-runs"));
  if (how === "button") await page.getByRole("button", { name: /Run tests/ }).click();
  else await page.keyboard.press("ControlOrMeta+Enter");
  await expect(results).toHaveAttribute("data-runs", String(before + 1), { timeout: 60_000 });
  await expect(page.getByTestId("verdict")).toBeVisible();
}

test.describe("the lab, in Chromium on WebGL", () => {
  test("a correct solution passes, a wrong one is told expected vs actual, an endless loop times out", async ({ page, signUp, typeCode }) => {
    await signUp("lab");
    await page.goto("/lab/kl-divergence");
    await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });

    await typeCode(reference);
    await run(page);
    await expect(page.getByTestId("verdict")).toHaveAttribute("data-status", "pass");
    await expect(page.getByTestId("backend")).toHaveText("webgl");
    const passed = page.locator('[data-testid="test-result"][data-status="pass"]');
    expect(await passed.count()).toBeGreaterThanOrEqual(5);
    await expect(page.locator('[data-testid="test-result"]:not([data-status="pass"])')).toHaveCount(0);

    await typeCode(reversed);
    await run(page, "keyboard");
    await expect(page.getByTestId("verdict")).toHaveAttribute("data-status", "fail");
    const failing = page.locator('[data-testid="test-result"][data-status="fail"]').first();
    await expect(failing.getByTestId("test-name")).toHaveText("1-D distributions: a scalar KL(P‖Q) in nats");
    await expect(failing.getByTestId("test-message")).toContainText("expected: 0.116783");
    await expect(failing.getByTestId("test-message")).toContainText("actual:");
    await expect(failing.getByTestId("test-message")).toContainText("Tolerance");
    // The failing test shows its own code (Exercism's test_code), highlighted; a passing one does not.
    const testCode = failing.getByTestId("test-code");
    await expect(testCode).toContainText("const p = [0.1, 0.4, 0.5];");
    await expect(testCode).toContainText("expectClose(kl, klRows([p], [q])[0] ?? NaN");
    await expect(testCode.locator(".hljs-keyword").first()).toHaveText("const");
    await expect(page.locator('[data-testid="test-result"][data-status="pass"] [data-testid="test-code"]')).toHaveCount(0);

    await typeCode(infinite);
    await page.getByRole("button", { name: /Run tests/ }).click();
    await expect(page.getByRole("button", { name: /Running/ })).toBeDisabled();
    // While the worker spins, the page answers at once and the editor takes input.
    const asked = Date.now();
    await page.evaluate(() => document.title);
    expect(Date.now() - asked).toBeLessThan(1_000);
    await page.locator(".monaco-editor").click();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.insertText("// typed while the tests ran\n");
    await expect(page.locator(".monaco-editor")).toContainText("typed while the tests ran");
    await expect(page.getByRole("button", { name: /Running/ })).toBeDisabled();
    await expect(page.getByTestId("verdict")).toBeVisible({ timeout: 30_000 });
    const timedOut = page.locator('[data-testid="test-result"][data-status="timeout"]');
    await expect(timedOut).toHaveCount(1);
    await expect(timedOut.getByTestId("test-message")).toContainText("Did not finish within 5 s");
    await expect(page.locator('[data-testid="test-result"][data-status="skipped"]').first()).toContainText("Not run");
    // The page stayed responsive and a fresh worker grades the next run.
    await typeCode(reference);
    await run(page);
    await expect(page.getByTestId("verdict")).toHaveAttribute("data-status", "pass");
  });

  test("code autosaves per learner, survives a reload, and can be reset to the starter", async ({ page, signUp, typeCode }) => {
    await signUp("lab");
    await page.goto("/lab/js-divergence");
    await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
    await typeCode("// my work in progress\nexport const x = 1;\n");
    await expect(page.getByTestId("save-state")).toHaveText("Saved", { timeout: 10_000 });
    await page.reload();
    await expect(page.locator(".monaco-editor")).toContainText("my work in progress", { timeout: 30_000 });

    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Reset to starter" }).click();
    await expect(page.locator(".monaco-editor")).not.toContainText("my work in progress");
    await expect(page.getByTestId("save-state")).toHaveText("Saved", { timeout: 10_000 });
    await page.reload();
    await expect(page.locator(".monaco-editor")).toContainText("jsDivergence", { timeout: 30_000 });
  });

  test("tfjs's types are known to the editor: a misspelt method is marked as a type error", async ({ page, signUp, typeCode }) => {
    await signUp("lab");
    await page.goto("/lab/kl-divergence");
    await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
    await typeCode('import * as tf from "@tensorflow/tfjs";\nexport function klDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {\n  return tf.sum(p.mul(q), -1).notAMethod();\n}\n');
    await expect(page.getByTestId("problems")).toContainText("type error: Property 'notAMethod' does not exist on type 'Tensor", { timeout: 30_000 });
    await expect(page.getByTestId("problems")).not.toContainText("Cannot find module");
  });

  test("an endless loop at the top level of the file is stopped while loading, and the next run works", async ({ page, signUp, typeCode }) => {
    await signUp("lab");
    await page.goto("/lab/kl-divergence");
    await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
    await typeCode(`while (true) {}\n${reference}`);
    await run(page);
    await expect(page.getByTestId("verdict")).toHaveAttribute("data-status", "error");
    await expect(page.getByTestId("suite-message")).toContainText("did not finish loading");
    await typeCode(reference);
    await run(page);
    await expect(page.getByTestId("verdict")).toHaveAttribute("data-status", "pass");
  });

  test("a syntax error is shown before running and nothing runs", async ({ page, signUp, typeCode }) => {
    await signUp("lab");
    await page.goto("/lab/kl-divergence");
    await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
    await typeCode('import * as tf from "@tensorflow/tfjs";\nexport function klDivergence(p: tf.Tensor, q: tf.Tensor) {\n  return tf.sum(p.mul(\n}\n');
    await expect(page.getByTestId("problems")).toContainText("syntax error", { timeout: 15_000 });
    await page.getByRole("button", { name: /Run tests/ }).click();
    await expect(page.getByText(/Fix the syntax error/)).toBeVisible();
    await expect(page.getByTestId("verdict")).toHaveCount(0);
  });
});

test("pages without the lab load neither Monaco nor TensorFlow.js", async ({ page, signUp }) => {
  const scripts = new Map<string, string>();
  page.on("response", async (response) => {
    if (response.request().resourceType() === "script") scripts.set(response.url(), await response.text().catch(() => ""));
  });
  const heavy = (body: string) => /monaco-editor|vs\/editor|MonacoEnvironment|WEBGL_VERSION|tfjs-core|backend_webgl/.test(body);

  await signUp("lab");
  for (const path of ["/", "/decks", "/decks/ml-qa/notes/16", "/review", "/settings", "/lab"]) {
    scripts.clear();
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    const loaded = [...scripts].filter(([, body]) => heavy(body)).map(([url]) => url);
    expect(loaded, `${path} loaded ${loaded.join(", ")}`).toEqual([]);
  }
  // The check can fail: the lab page itself does load them.
  scripts.clear();
  await page.goto("/lab/kl-divergence");
  await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
  await page.waitForLoadState("networkidle");
  expect([...scripts.values()].some(heavy)).toBe(true);
});
