// Applies the versioned SQL in prisma/migrations, in name order, each in its own transaction.
// Our own runner instead of `prisma migrate deploy`: see docs/architecture.md ("Migrations").
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export type Migration = { name: string; sql: string; checksum: string };
export type MigrationReport = { applied: string[]; alreadyApplied: number };

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");
// Any constant shared by every process that migrates this database.
const LOCK_KEY = 7_310_221;

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

export async function migrate(databaseUrl: string, migrations = readMigrations()): Promise<MigrationReport> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Two processes starting at once (app and a CLI) must not both apply the same migration.
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_latent_migrations" (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM "_latent_migrations"`);
    const done = new Map(rows.map((row) => [row.name, row.checksum]));

    const applied: string[] = [];
    for (const migration of migrations) {
      const checksum = done.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(
            `Migration ${migration.name} was changed after it was applied to this database. ` +
              "Migrations are immutable: restore the file and add a new migration instead.",
          );
        }
        continue;
      }
      await client.query("BEGIN");
      try {
        // The simple query protocol runs the whole file as one script ($$ bodies and ';' in literals are safe).
        await client.query(migration.sql);
        await client.query(`INSERT INTO "_latent_migrations" (name, checksum) VALUES ($1, $2)`, [migration.name, migration.checksum]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
      }
      applied.push(migration.name);
    }
    return { applied, alreadyApplied: migrations.length - applied.length };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
