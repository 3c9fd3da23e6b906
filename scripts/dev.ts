// npm run dev: the same database and content as `npm start`, with Next's development server behind the same web
// server (lib/server/web-server.ts).
import { spawn } from "node:child_process";
import { bootDatabase, ensureAuthSecret, importContentInto, loadEnvironment, webServerEnv } from "@/lib/server/boot";

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
    env: webServerEnv(database.databaseUrl, { PORT: String(port) }),
  });
  const stop = async () => {
    server.kill("SIGTERM");
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
