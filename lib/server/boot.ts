// What `npm start`, `npm run dev`, the e2e server and the benchmarks do before serving: configuration,
// the database (embedded unless DATABASE_URL is set), migrations and the content import.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import nextEnv from "@next/env";
import { describeImport, importContent } from "@/lib/content/import";
import { createDb } from "@/lib/db/client";
import { clusterPassword, embeddedUrl, ensureDatabaseExists, runningClusterPort, startEmbeddedPostgres } from "@/lib/db/embedded";
import { clusterDirFor } from "@/lib/db/postgres-user";
import { migrate } from "@/lib/db/migrate";
import { installJobQueue } from "@/lib/jobs/queue-schema";

export type Booted = { databaseUrl: string; embedded: boolean; stop(): Promise<void> };

export function loadEnvironment(dev: boolean): void {
  nextEnv.loadEnvConfig(process.cwd(), dev, { info: () => undefined, error: console.error });
  process.env.NEXT_TELEMETRY_DISABLED = "1";
}

/**
 * The auth secret, generated into .env.local on first start when missing. .env.local holds secrets, so it is made
 * readable by this user only (0600), whether it was just created, appended to, or already there.
 */
export function ensureAuthSecret(log: (line: string) => void): void {
  const file = path.join(process.cwd(), ".env.local");
  if (!process.env.NEXTAUTH_SECRET) {
    const secret = crypto.randomBytes(32).toString("base64url");
    const before = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    // writeFileSync's mode applies only to a file it creates; chmod covers one that existed.
    fs.writeFileSync(file, `${before}${before && !before.endsWith("\n") ? "\n" : ""}NEXTAUTH_SECRET=${secret}\n`, { mode: 0o600 });
    process.env.NEXTAUTH_SECRET = secret;
    log("Generated an auth secret into .env.local (keep it: changing it signs everyone out).");
  }
  if (fs.existsSync(file) && (fs.statSync(file).mode & 0o077) !== 0) {
    try {
      fs.chmodSync(file, 0o600);
      log("Made .env.local readable by its owner only (it holds secrets).");
    } catch {
      log("Warning: .env.local holds secrets but others can read it, and it could not be changed: run `chmod 600 .env.local`.");
    }
  }
}

export async function bootDatabase(options: { dataDir?: string; log: (line: string) => void }): Promise<Booted> {
  const { log } = options;
  let databaseUrl = process.env.DATABASE_URL;
  let stop = async () => undefined as void;
  const embedded = !databaseUrl;
  if (!databaseUrl) {
    const dataDir = clusterDirFor(path.resolve(options.dataDir ?? process.env.LATENT_DATA_DIR ?? ".data", "pg"), log);
    const runningPort = runningClusterPort(dataDir);
    if (runningPort) {
      // Another Latent process owns the server (e.g. `npm start` while running `content:import`): share it.
      log(`Using the embedded PostgreSQL already running on 127.0.0.1:${runningPort}.`);
      databaseUrl = embeddedUrl(runningPort, "latent", clusterPassword(dataDir));
      await migrate(databaseUrl);
      await installJobQueue(databaseUrl, log);
      return { databaseUrl, embedded: true, stop: async () => undefined };
    }
    const started = Date.now();
    const server = await startEmbeddedPostgres({ dataDir, port: Number(process.env.LATENT_PG_PORT) || 0, notice: log });
    await ensureDatabaseExists(server.urlFor("postgres"), "latent");
    databaseUrl = server.urlFor("latent");
    stop = server.stop;
    log(`Embedded PostgreSQL on 127.0.0.1:${server.port} (data in ${path.relative(process.cwd(), dataDir) || dataDir}), ready in ${Date.now() - started} ms.`);
  }
  try {
    const report = await migrate(databaseUrl);
    log(report.applied.length ? `Applied migrations: ${report.applied.join(", ")}.` : "Database schema is up to date.");
    await installJobQueue(databaseUrl, log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { databaseUrl, embedded, stop };
}

export async function importContentInto(databaseUrl: string, log: (line: string) => void): Promise<boolean> {
  const db = createDb(databaseUrl, { max: 2 });
  try {
    const report = await importContent(db);
    for (const line of describeImport(report)) log(`Content: ${line}`);
    return report.ok;
  } finally {
    await db.$disconnect();
  }
}

// The inputs of `next build`: a build is current when none of them changed since it was made.
const BUILD_INPUTS = ["app", "lib", "lab", "public", "proxy.ts", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json", "prisma/schema.prisma"];
const STAMP = path.join(".next", "latent-build-stamp");

export function buildFingerprint(root = process.cwd()): string {
  const hash = crypto.createHash("sha256");
  const walk = (entry: string) => {
    const full = path.join(root, entry);
    if (!fs.existsSync(full)) return;
    const stat = fs.statSync(full);
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(full).sort()) {
        if (child === "node_modules" || child.startsWith(".")) continue;
        walk(path.join(entry, child));
      }
    } else if (!/\.(test|int\.test)\.tsx?$/.test(entry)) {
      hash.update(entry).update("\0").update(fs.readFileSync(full)).update("\0");
    }
  };
  for (const input of BUILD_INPUTS) walk(input);
  return hash.digest("hex");
}

export function buildIsCurrent(): boolean {
  return fs.existsSync(path.join(".next", "BUILD_ID")) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === buildFingerprint();
}

export function markBuildCurrent(): void {
  fs.writeFileSync(STAMP, buildFingerprint());
}

/**
 * The environment of the web server process. isolated-vm (the lab's grading sandbox) needs Node's startup snapshot
 * off on Node ≥ 20 (`--no-node-snapshot`).
 */
export function webServerEnv(databaseUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const nodeOptions = [process.env.NODE_OPTIONS, "--no-node-snapshot"].filter(Boolean).join(" ");
  return { ...process.env, DATABASE_URL: databaseUrl, NODE_OPTIONS: nodeOptions, ...extra };
}

/**
 * The database a worker process uses: DATABASE_URL, or else the embedded PostgreSQL that `npm start` runs on this
 * machine (a worker never starts a database of its own).
 */
export function workerDatabaseUrl(): string {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const dataDir = path.resolve(process.env.LATENT_DATA_DIR ?? ".data", "pg");
  const port = runningClusterPort(dataDir);
  if (port) return embeddedUrl(port, "latent", clusterPassword(dataDir));
  throw new Error("DATABASE_URL is not set and no embedded PostgreSQL is running here: start Latent first (`npm start`), or set DATABASE_URL.");
}

/** Starts a job worker process (`npm run worker`) on `databaseUrl`, as `npm start` and `npm run dev` do. */
export function spawnWorker(databaseUrl: string, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, DATABASE_URL: databaseUrl, ...env },
  });
}

/** Asks a child process to stop (SIGTERM) and waits for it; SIGKILL after `timeoutMs`. */
export function stopChild(child: ChildProcess | undefined, timeoutMs: number): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
