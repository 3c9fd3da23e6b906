// npm run content:import: imports content/ into the database (the embedded one unless DATABASE_URL is set).
import { bootDatabase, importContentInto, loadEnvironment } from "@/lib/server/boot";

async function main() {
  loadEnvironment(false);
  const database = await bootDatabase({ log: () => undefined });
  try {
    const ok = await importContentInto(database.databaseUrl, (line) => console.log(line));
    process.exitCode = ok ? 0 : 1;
  } finally {
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
