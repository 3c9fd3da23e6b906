// The grader's disk cache (built sandbox scripts and the grading process's script), under .next/cache by default or
// LATENT_GRADER_CACHE_DIR. A file there is executed, so the directory must be ours and writable by no one else;
// otherwise nothing is cached on disk and everything is built in memory.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export function contentHash(content: string | Buffer): string {
  return crypto.createHash("sha256").update(content).digest("hex").slice(0, 24);
}

export function graderCacheDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.LATENT_GRADER_CACHE_DIR || path.join(process.cwd(), ".next", "cache", "latent-grader"));
}

let usable: boolean | undefined;

function cacheDirIsSafe(dir: string): boolean {
  if (usable !== undefined) return usable;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = fs.statSync(dir);
    const ownUid = typeof process.getuid === "function" ? process.getuid() : stat.uid;
    usable = stat.isDirectory() && stat.uid === ownUid && (stat.mode & 0o022) === 0;
  } catch {
    usable = false;
  }
  return usable;
}

/** A cached file's content passed through `parse`, or null when it is missing, unreadable or unparsable. */
export function readCached<T>(name: string, parse: (text: string) => T): T | null {
  const dir = graderCacheDir();
  if (!cacheDirIsSafe(dir)) return null;
  try {
    return parse(fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, name), "utf8"));
  } catch {
    return null;
  }
}

/** Writes atomically (temporary file, then rename); returns the path, or null when the cache is unusable. */
export function writeCached(name: string, content: string): string | null {
  const dir = graderCacheDir();
  if (!cacheDirIsSafe(dir)) return null;
  const file = path.join(/*turbopackIgnore: true*/ dir, name);
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 }); // `.next` may have been removed since it was checked
    fs.writeFileSync(temporary, content, { mode: 0o600 });
    fs.renameSync(temporary, file);
    return file;
  } catch {
    fs.rmSync(temporary, { force: true });
    return null;
  }
}


export function removeCached(name: string): void {
  if (cacheDirIsSafe(graderCacheDir())) fs.rmSync(/*turbopackIgnore: true*/ path.join(graderCacheDir(), name), { force: true });
}

/** Removes files named `prefix…` older than `maxAgeMs`, except `keep`. */
export function pruneCached(prefix: string, keep: string, maxAgeMs: number): void {
  const dir = graderCacheDir();
  if (!cacheDirIsSafe(dir)) return;
  try {
    for (const name of fs.readdirSync(/*turbopackIgnore: true*/ dir)) {
      if (!name.startsWith(prefix) || name === keep) continue;
      const file = path.join(/*turbopackIgnore: true*/ dir, name);
      if (Date.now() - fs.statSync(/*turbopackIgnore: true*/ file).mtimeMs > maxAgeMs) fs.rmSync(file, { force: true });
    }
  } catch {
    // Another process pruned the same file: nothing to do.
  }
}
