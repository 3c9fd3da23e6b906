// npm start: database (embedded unless DATABASE_URL), migrations and the job queue's schema, content, a production
// build when the current one is missing or stale, then the web server (Next.js behind our own HTTP server,
// lib/server/web-server.ts) on PORT (3000) and one job worker beside it (unless LATENT_START_WORKER=0, for workers run
// elsewhere). Ctrl+C stops everything cleanly: the worker finishes or hands back its jobs before the database stops.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { bootDatabase, buildIsCurrent, ensureAuthSecret, importContentInto, loadEnvironment, markBuildCurrent, spawnWorker, stopChild, webServerEnv } from "@/lib/server/boot";

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
  const children: { server?: ChildProcess; worker?: ChildProcess } = {};
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const graceMs = (Number(process.env.LATENT_WORKER_SHUTDOWN_SECONDS) || 20) * 1000;
    await Promise.all([stopChild(children.server, 10_000), stopChild(children.worker, graceMs + 10_000)]);
    await database.stop().catch(() => undefined);
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  const contentOk = await importContentInto(database.databaseUrl, log);
  if (!contentOk) log("Some content files have errors and were not imported (see above); the rest of Latent runs.");

  const server = spawn(process.execPath, ["--import", "tsx", "scripts/web-server.ts"], {
    stdio: ["ignore", "inherit", "inherit"],
    // On the embedded database no other node can exist: a changed secret is this machine's own decision.
    env: webServerEnv(database.databaseUrl, { PORT: String(port), ...(database.embedded ? { LATENT_EMBEDDED_DATABASE: "1" } : {}) }),
  });
  children.server = server;
  server.on("exit", (code) => void shutdown(code ?? 0));

  if (process.env.LATENT_START_WORKER !== "0") {
    // A worker that dies is started again (after a pause, so a worker that cannot start does not spin).
    const startWorker = () => {
      const worker = spawnWorker(database.databaseUrl);
      children.worker = worker;
      worker.on("exit", (code, signal) => {
        if (stopping) return;
        log(`The job worker exited (${signal ?? `code ${code}`}); starting it again in 5 s.`);
        setTimeout(() => stopping || startWorker(), 5_000).unref();
      });
    };
    startWorker();
  }
  log(`Latent is running at ${url}`);
  log(`Create the first account at ${url}/signup — the first account on an instance becomes its admin.`);
}

main().catch((error) => {
  console.error(`[latent] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
