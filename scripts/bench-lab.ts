// npm run bench:lab [-- --runs 5]
// Time from Run to verdict for kl-divergence in a real browser (Debian's Chromium), per backend: cold (the first
// run after the page opened, as soon as the editor shows) and warm (the median of the next runs, worker kept).
// The page's `?backend=` forces a backend. WebGPU needs Chromium's unsafe software WebGPU flags here.
import fs from "node:fs";
import { chromium, type Browser, type Page } from "@playwright/test";
import { startBenchServer } from "./bench/server";
import { runMain } from "./bench/main";

const RUNS = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 5;
const BASE_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];
const WEBGPU_FLAGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--enable-unsafe-webgpu", "--enable-features=Vulkan", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"];
const solution = fs.readFileSync("lab/kl-divergence/solution.ts", "utf8");

/** Clicks Run and resolves with the ms until the results region reports one more finished run. */
function timeRun(page: Page): Promise<{ ms: number; status: string | null; backend: string | null; message: string | null }> {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const region = document.querySelector<HTMLElement>('[data-testid="results"]')!;
        const before = Number(region.dataset.runs);
        const button = [...document.querySelectorAll("button")].find((b) => b.textContent?.includes("Run tests"))!;
        const started = performance.now();
        const observer = new MutationObserver(() => {
          if (Number(region.dataset.runs) > before) {
            observer.disconnect();
            resolve({
              ms: performance.now() - started,
              status: document.querySelector('[data-testid="verdict"]')?.getAttribute("data-status") ?? null,
              backend: document.querySelector('[data-testid="backend"]')?.textContent ?? null,
              message: document.querySelector('[data-testid="suite-message"]')?.textContent ?? null,
            });
          }
        });
        observer.observe(region, { attributes: true });
        button.click();
      }),
  );
}

async function measure(browser: Browser, base: string, email: string, backend: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/signin`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("bench password 123");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/decks/);
  // The learner's saved draft is the reference solution, so the editor opens with it.
  const opened = Date.now();
  await page.goto(`${base}/lab/kl-divergence?backend=${backend}`);
  await page.locator(".monaco-editor").waitFor({ timeout: 60_000 });
  const editorMs = Date.now() - opened;
  const cold = await timeRun(page);
  if (cold.status === "error") throw new Error(cold.message ?? "the suite could not run");
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) warm.push((await timeRun(page)).ms);
  warm.sort((a, b) => a - b);
  await context.close();
  return { backend, editorMs, cold, warmMedian: warm[Math.floor(warm.length / 2)]!, warmMax: warm[warm.length - 1]! };
}

async function main() {
  const bench = await startBenchServer();
  try {
    const { hashPassword } = await import("@/lib/auth/password");
    const email = "bench-lab@example.com";
    const user = await bench.db.user.create({ data: { email, passwordHash: await hashPassword("bench password 123") } });
    await bench.db.labDraft.create({ data: { userId: user.id, exerciseId: "kl-divergence", code: solution } });
    await bench.serve();

    console.log(`bench:lab — kl-divergence, Run → verdict in headless Chromium (${RUNS} warm runs per backend)`);
    console.log("backend | got    | editor ms | cold ms | warm median ms | warm max ms | verdict");
    for (const backend of ["webgl", "wasm", "cpu", "webgpu"]) {
      const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: backend === "webgpu" ? WEBGPU_FLAGS : BASE_FLAGS });
      try {
        const r = await measure(browser, bench.base, email, backend);
        console.log(
          `${backend.padEnd(7)} | ${String(r.cold.backend).padEnd(6)} | ${String(r.editorMs).padStart(9)} | ${r.cold.ms.toFixed(0).padStart(7)} | ${r.warmMedian.toFixed(0).padStart(14)} | ${r.warmMax.toFixed(0).padStart(11)} | ${r.cold.status}`,
        );
      } catch (error) {
        console.log(`${backend.padEnd(7)} | unavailable: ${(error as Error).message.split("\n")[0]}`);
      } finally {
        await browser.close();
      }
    }
  } finally {
    await bench.stop();
  }
}

runMain(main);
