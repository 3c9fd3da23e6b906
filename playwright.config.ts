import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { E2E_SIGNUPS_PER_IP } from "./e2e/support/accounts";

const port = Number(process.env.E2E_PORT) || 3100;
const chromium = process.env.CHROMIUM_PATH || (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
// A fresh embedded database per run, outside the repo so a clone in a private directory still works.
const dataDir = path.join(os.tmpdir(), `latent-e2e-${port}`);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: "node --import tsx scripts/e2e-server.ts",
    url: `http://localhost:${port}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      LATENT_DATA_DIR: dataDir,
      E2E_FRESH: "1",
      NEXTAUTH_URL: `http://localhost:${port}`,
      LATENT_SIGNUPS_PER_IP: String(E2E_SIGNUPS_PER_IP),
    },
  },
});
