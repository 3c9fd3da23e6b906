// npm start: database (embedded unless DATABASE_URL), migrations, content, a production build when the
// current one is missing or stale, then the web server (Next.js behind our own HTTP server, lib/server/web-server.ts)
// on PORT (3000). Ctrl+C stops everything cleanly.
import { spawn, spawnSync } from "node:child_process";
import { bootDatabase, buildIsCurrent, ensureAuthSecret, importContentInto, loadEnvironment, markBuildCurrent, webServerEnv } from "@/lib/server/boot";

const log = (line: string) => console.log(`[latent] ${line}`);
const nextBin = "node_modules/next/dist/bin/next";

async function main() {
  loadEnvironment(false);
  ensureAuthSecret(log);
  const port = Number(process.env.PORT) || 3000;
  const url = `http://localhost:${port}`;
  process.env.NEXTAUTH_URL ??= url;

  if (!buildIsCurrent()) {
    log("Building the app (first start or changed sources)…");
    const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: process.env });
    if (build.status !== 0) throw new Error("next build failed: see the output above.");
    markBuildCurrent();
  }

  const database = await bootDatabase({ log });
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    server?.kill("SIGTERM");
    await database.stop().catch(() => undefined);
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  const contentOk = await importContentInto(database.databaseUrl, log);
  if (!contentOk) log("Some content files have errors and were not imported (see above); the rest of Latent runs.");

  const server = spawn(process.execPath, ["--import", "tsx", "scripts/web-server.ts"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: webServerEnv(database.databaseUrl, { PORT: String(port) }),
  });
  server.on("exit", (code) => void shutdown(code ?? 0));
  log(`Latent is running at ${url}`);
  log(`Create the first account at ${url}/signup — the first account on an instance becomes its admin.`);
}

main().catch((error) => {
  console.error(`[latent] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
