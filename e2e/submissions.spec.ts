import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./support/fixtures";

const reversed = fs.readFileSync("lab/kl-divergence/wrong/reversed.ts", "utf8");
// A state-changing request must say it comes from this site, as the app's own pages do (docs/security.md).
const sameOrigin = { origin: `http://localhost:${Number(process.env.E2E_PORT) || 3100}` };

test("submit a wrong solution → history names the failing hidden test → the linked cards are due with the reason", async ({ page, signUp, typeCode }) => {
  await signUp("submit");
  await page.goto("/lab/kl-divergence");
  await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
  await typeCode(reversed);
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-status", "fail", { timeout: 60_000 });
  await expect(page.getByTestId("results")).toHaveAttribute("data-graded", "server");

  const item = page.getByTestId("history-item").first();
  await expect(item).toHaveAttribute("data-status", "fail");
  await expect(item.getByTestId("history-hidden-failing")).toContainText("Hidden tests not passed:");
  const hiddenRow = page.locator('[data-testid="test-result"][data-status="fail"]', { hasText: "(hidden)" }).first();
  await expect(hiddenRow.getByTestId("test-message")).toContainText("This hidden test failed");
  await expect(hiddenRow.getByTestId("test-message")).not.toContainText("expected");
  // A failing visible test shows its code; a hidden one never does, and the API's results carry none for it.
  await expect(page.locator('[data-testid="test-result"][data-status="fail"]', { hasNotText: "(hidden)" }).first().getByTestId("test-code")).toContainText("solution.klDivergence");
  await expect(page.locator('[data-testid="test-result"]', { hasText: "(hidden)" }).getByTestId("test-code")).toHaveCount(0);
  const listed = (await (await page.request.get("/api/lab/submissions?exercise=kl-divergence")).json()) as { submissions: Array<{ id: string }> };
  const detail = (await (await page.request.get(`/api/lab/submissions/${listed.submissions[0]!.id}`)).json()) as { results: { tests: Array<{ hidden: boolean; test_code?: string }> } };
  expect(detail.results.tests.some((t) => t.hidden)).toBe(true);
  expect(detail.results.tests.map((t) => t.test_code !== undefined)).toEqual(detail.results.tests.map((t) => !t.hidden));

  // An earlier submission opens in the editor.
  await typeCode("// something else\n");
  await item.getByRole("button", { name: /Open in editor: the submission/ }).click();
  await expect(page.locator(".monaco-editor")).toContainText("klDivergence");

  await page.goto("/review");
  await expect(page.getByTestId("card-reason")).toContainText("Back today: your submission for KL divergence failed");
  await expect(page.getByTestId("question")).toHaveText(/Kullback-Leibler|WGAN/);
});

test("a forged browser result cannot create a passing submission", async ({ page, signUp }) => {
  await signUp("submit");
  const response = await page.request.post("/api/lab/submissions", {
    headers: sameOrigin,
    data: { exerciseId: "kl-divergence", code: reversed, status: "pass", points: 14, results: { status: "pass", tests: [], points: 14, maxPoints: 14 } },
  });
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { results: { status: string; points: number } };
  expect(body.results.status).toBe("fail");
  const list = (await (await page.request.get("/api/lab/submissions?exercise=kl-divergence")).json()) as { submissions: Array<{ status: string }> };
  expect(list.submissions.map((s) => s.status)).toEqual(["fail"]);

  const tooBig = await page.request.post("/api/lab/submissions", { headers: sameOrigin, data: { exerciseId: "kl-divergence", code: "x".repeat(65 * 1024) } });
  expect(tooBig.status()).toBe(413);
  const unknown = await page.request.post("/api/lab/submissions", { headers: sameOrigin, data: { exerciseId: "nope", code: reversed } });
  expect(unknown.status()).toBe(404);
  expect(((await (await page.request.get("/api/lab/submissions?exercise=kl-divergence")).json()) as { submissions: unknown[] }).submissions).toHaveLength(1);
});

// One test per exercise, each with its own time budget: the browser runs every committed file's visible tests on
// WebGL, the server grades the same code in its sandbox, and their visible verdicts must agree.
const parityExercises = fs.readdirSync("lab", { withFileTypes: true }).filter((e) => e.isDirectory() && fs.existsSync(path.join("lab", e.name, "prompt.md"))).map((e) => e.name);
for (const id of parityExercises) {
  test(`verdict parity on ${id}: the browser's visible verdicts equal the server sandbox's for every committed solution`, async ({ page, signUp, typeCode }) => {
    test.setTimeout(300_000);
    await signUp("submit");
    const mismatches: string[] = [];
    const files = ["solution.ts", "starter.ts", ...fs.readdirSync(path.join("lab", id, "wrong")).map((f) => `wrong/${f}`)];
    await page.goto(`/lab/${id}`);
    await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
    for (const file of files) {
      const code = fs.readFileSync(path.join("lab", id, file), "utf8");
      await typeCode(code);
      const runs = Number(await page.getByTestId("results").getAttribute("data-runs"));
      await page.getByRole("button", { name: /Run tests/ }).click();
      await expect(page.getByTestId("results")).toHaveAttribute("data-runs", String(runs + 1), { timeout: 60_000 });
      const browser = await page.locator('[data-testid="test-result"]').evaluateAll((rows) =>
        rows.map((row) => `${row.getAttribute("data-status")} · ${row.querySelector('[data-testid="test-name"]')?.textContent}`),
      );
      const server = (await (await page.request.post("/api/lab/submissions", { headers: sameOrigin, data: { exerciseId: id, code } })).json()) as {
        results: { tests: Array<{ name: string; status: string; hidden: boolean }> };
      };
      const visible = server.results.tests.filter((t) => !t.hidden).map((t) => `${t.status} · ${t.name}`);
      if (JSON.stringify(browser) !== JSON.stringify(visible)) mismatches.push(`${id}/${file}: browser ${JSON.stringify(browser)} ≠ server ${JSON.stringify(visible)}`);
    }
    expect(mismatches).toEqual([]);
  });
}
