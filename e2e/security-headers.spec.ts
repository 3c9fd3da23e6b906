// Security headers on the production server, and the lab still working under its Content-Security-Policy: Monaco's
// workers, the lab's own worker (which evaluates the learner's code) and tfjs's WebGL, WebAssembly and CPU backends.
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { ORIGIN, rawRequest } from "./support/http";

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));
}

test("every answer carries the security headers; a page's scripts run only with this response's nonce", async () => {
  for (const path of ["/", "/signin", "/api/health", "/lab", "/_next/static/not-there.js"]) {
    const response = await rawRequest(path);
    expect(response.headers["x-content-type-options"], path).toBe("nosniff");
    expect(response.headers["referrer-policy"], path).toBe("same-origin");
    const csp = directives(String(response.headers["content-security-policy"] ?? ""));
    expect(csp.get("frame-ancestors"), path).toEqual(["'none'"]);
    expect(csp.get("object-src"), path).toEqual(["'none'"]);
    expect(csp.get("base-uri"), path).toEqual(["'none'"]);
  }
  // The JSON routes a learner posts to most answer a refusal with the same headers as any other answer.
  for (const [path, method] of [["/api/review/answer", "POST"], ["/api/review/undo", "POST"]] as const) {
    const response = await rawRequest(path, { method, headers: { "content-type": "application/json", origin: ORIGIN }, body: "{}" });
    expect(response.status, path).toBe(401);
    expect(response.headers["x-content-type-options"], path).toBe("nosniff");
    expect(response.headers["x-frame-options"], path).toBe("DENY");
    expect(response.headers["referrer-policy"], path).toBe("same-origin");
    expect(response.headers["permissions-policy"], path).toContain("camera=()");
    expect(directives(String(response.headers["content-security-policy"] ?? "")).get("default-src"), path).toEqual(["'none'"]);
    expect(JSON.parse(response.body), path).toMatchObject({ error: { code: "unauthenticated" } });
  }

  const first = await rawRequest("/signin");
  const second = await rawRequest("/signin");
  const script = directives(String(first.headers["content-security-policy"])).get("script-src") ?? [];
  expect(script).not.toContain("'unsafe-inline'");
  expect(script).not.toContain("'unsafe-eval'");
  const nonce = script.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
  expect(nonce).toBeTruthy();
  expect(String(second.headers["content-security-policy"])).not.toContain(nonce);
  // Every script element of the page carries this response's nonce.
  const scripts = [...first.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
});

async function recordViolations(page: Page) {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Refused to: CSP violation of ${event.violatedDirective} by ${event.blockedURI}`);
    });
  });
  return violations;
}

async function runReference(page: Page, backend: string, typeCode: (code: string) => Promise<void>) {
  await page.goto(`/lab/kl-divergence?backend=${backend}`);
  await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
  await typeCode(fs.readFileSync("lab/kl-divergence/solution.ts", "utf8"));
  await page.getByRole("button", { name: /Run tests/ }).click();
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-status", "pass", { timeout: 60_000 });
  await expect(page.getByTestId("backend")).toHaveText(backend);
}

test("the lab works under the policy: Monaco's workers, the lab's worker, WebGL, WebAssembly and CPU", async ({ page, signUp, typeCode }) => {
  test.setTimeout(180_000);
  const violations = await recordViolations(page);
  await signUp("csp");
  for (const backend of ["webgl", "wasm", "cpu"]) await runReference(page, backend, typeCode);
  // Monaco's TypeScript worker ran: it reports a type error.
  await page.locator(".monaco-editor").click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.insertText("\nexport const typo = tf.tensor1d([1]).notAMethod();\n");
  await expect(page.getByTestId("problems")).toContainText("type error: Property 'notAMethod' does not exist", { timeout: 30_000 });
  expect(violations).toEqual([]);
});

test("code run in the lab's worker cannot call the API with the learner's session", async ({ page, signUp, typeCode }) => {
  await signUp("worker-fetch");
  await page.goto("/lab/kl-divergence?backend=cpu");
  await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
  // Code a learner might paste from anywhere: it tries to undo their last review from inside the worker.
  const hostile = `import * as tf from "@tensorflow/tfjs";
let outcome = "not tried";
try {
  const request = new XMLHttpRequest();
  request.open("POST", "/api/review/undo", false);
  request.setRequestHeader("content-type", "application/json");
  request.send("{}");
  outcome = "sent: " + request.status;
} catch (error) {
  outcome = "blocked: " + String(error).slice(0, 40);
}
export function klDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  throw new Error("OUTCOME " + outcome);
}
`;
  await typeCode(hostile);
  await page.getByRole("button", { name: /Run tests/ }).click();
  await expect(page.getByTestId("results")).toContainText("OUTCOME blocked", { timeout: 60_000 });
  await expect(page.getByTestId("results")).not.toContainText("ReferenceError");
});
