// npm run dev: the same database, content and job worker as `npm start`, with Next's development server behind the
// same web server (lib/server/web-server.ts).
import { spawn } from "node:child_process";
import { bootDatabase, ensureAuthSecret, importContentInto, loadEnvironment, spawnWorker, stopChild, webServerEnv } from "@/lib/server/boot";

const log = (line: string) => console.log(`[latent] ${line}`);

async function main() {
  loadEnvironment(true);
  ensureAuthSecret(log);
  const port = Number(process.env.PORT) || 3000;
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  const database = await bootDatabase({ log });
  await importContentInto(database.databaseUrl, log);
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/web-server.ts", "--dev"], {
    stdio: "inherit",
    env: webServerEnv(database.databaseUrl, { PORT: String(port), ...(database.embedded ? { LATENT_EMBEDDED_DATABASE: "1" } : {}) }),
  });
  const worker = process.env.LATENT_START_WORKER !== "0" ? spawnWorker(database.databaseUrl) : undefined;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.all([stopChild(server, 10_000), stopChild(worker, 30_000)]);
    await database.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  server.on("exit", () => void stop());
}

main().catch((error) => {
  console.error(`[latent] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
