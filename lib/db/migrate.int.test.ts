import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { describeSchema } from "./catalog";
import { migrate, readMigrations } from "./migrate";
import { schemaDiffSql } from "./schema-diff";
import { createEmptyDatabase } from "./testing";

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function emptyDatabase() {
  const database = await createEmptyDatabase("m");
  cleanups.push(database.drop);
  return database.url;
}

describe("migrations", () => {
  it("produce exactly the schema that prisma/schema.prisma describes", async () => {
    const fromMigrations = await emptyDatabase();
    await migrate(fromMigrations);

    const fromSchema = await emptyDatabase();
    const sql = await schemaDiffSql({ from: null, to: "prisma/schema.prisma", databaseUrl: inject("pgAdminUrl") });
    const client = new pg.Client({ connectionString: fromSchema });
    await client.connect();
    await client.query(sql);
    await client.end();

    const migrated = await describeSchema(fromMigrations);
    expect(migrated.columns?.length).toBeGreaterThan(10);
    expect(migrated).toEqual(await describeSchema(fromSchema));
  }, 120_000);

  it("apply once: a second run applies nothing", async () => {
    const url = await emptyDatabase();
    const first = await migrate(url);
    expect(first.applied).toEqual(readMigrations().map((m) => m.name));
    const second = await migrate(url);
    expect(second).toEqual({ applied: [], alreadyApplied: readMigrations().length });
  });

  it("refuse a migration edited after it was applied, and roll back a failing one", async () => {
    const url = await emptyDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "latent-mig-"));
    fs.mkdirSync(path.join(dir, "001_a"));
    fs.writeFileSync(path.join(dir, "001_a", "migration.sql"), "CREATE TABLE a (x text DEFAULT 'a;b');");
    await migrate(url, readMigrations(dir));

    fs.writeFileSync(path.join(dir, "001_a", "migration.sql"), "CREATE TABLE a (y int);");
    await expect(migrate(url, readMigrations(dir))).rejects.toThrow(/001_a was changed after it was applied/);

    fs.writeFileSync(path.join(dir, "001_a", "migration.sql"), "CREATE TABLE a (x text DEFAULT 'a;b');");
    fs.mkdirSync(path.join(dir, "002_b"));
    fs.writeFileSync(path.join(dir, "002_b", "migration.sql"), "CREATE TABLE b (x int); SELECT nonsense_column FROM b;");
    await expect(migrate(url, readMigrations(dir))).rejects.toThrow(/002_b failed/);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const tables = await client.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
    await client.end();
    expect(tables.rows.map((r) => r.table_name)).toEqual(["_latent_migrations", "a"]);
  });
});
