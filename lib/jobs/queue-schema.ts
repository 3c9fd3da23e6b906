// graphile-worker keeps its queue in its own schema (graphile_worker), which it installs and upgrades itself.
// Latent installs it at start, beside its own migrations, under an advisory lock so that a web server and workers
// starting at once do not race. It is not part of prisma/schema.prisma: the schema-drift test compares `public` only.
import { Logger } from "graphile-worker";
import pg from "pg";

// Any constant shared by every process that installs the queue (lib/db/migrate.ts uses another).
const LOCK_KEY = 7_310_230;

/** graphile-worker's own log lines: warnings and errors only, through `log`. */
export function queueLogger(log: (line: string) => void): Logger {
  return new Logger((scope) => (level, message) => {
    if (level === "error" || level === "warning") log(`[job queue${scope.label ? ` ${scope.label}` : ""}] ${message}`);
  });
}

/** Installs or upgrades graphile-worker's schema in the database; a no-op when it is current. */
export async function installJobQueue(databaseUrl: string, log: (line: string) => void = console.error): Promise<void> {
  const { runMigrations } = await import("graphile-worker");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await runMigrations({ connectionString: databaseUrl, logger: queueLogger(log) });
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
