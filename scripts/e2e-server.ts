// Playwright's web server: `npm start` on a fresh embedded database (LATENT_DATA_DIR is wiped first).
import fs from "node:fs";
import { spawn } from "node:child_process";

const dataDir = process.env.LATENT_DATA_DIR;
if (!dataDir || !dataDir.includes("latent-e2e")) {
  console.error("e2e-server: LATENT_DATA_DIR must name a latent-e2e scratch directory.");
  process.exit(2);
}
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });

const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
