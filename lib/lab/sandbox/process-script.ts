// The grading process's script: process-entry.ts and what it imports, bundled by esbuild into one CommonJS file in the
// grader's cache (named by its content hash), so the web server can start it with plain `node` whatever runs the
// server (Next's bundles, tsx, vitest). isolated-vm and esbuild stay outside the bundle, imported by absolute path.
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { contentHash, pruneCached, writeCached } from "./cache";

let script: Promise<string> | undefined;

async function buildProcessScript(): Promise<string> {
  const { build } = await import("esbuild");
  const requireFromRoot = createRequire(path.join(process.cwd(), "package.json"));
  const result = await build({
    entryPoints: [path.join(process.cwd(), "lib", "lab", "sandbox", "process-entry.ts")],
    bundle: true,
    write: false,
    format: "cjs",
    platform: "node",
    target: "node20",
    alias: { "@": process.cwd() },
    logLevel: "silent",
    plugins: [
      {
        name: "external-by-absolute-path",
        setup(pluginBuild) {
          pluginBuild.onResolve({ filter: /^(isolated-vm|esbuild)$/ }, (args) => ({
            path: requireFromRoot.resolve(args.path),
            external: true,
          }));
        },
      },
    ],
  });
  const code = result.outputFiles[0]!.text;
  const name = `grader-worker-${contentHash(code)}.cjs`;
  const cached = writeCached(name, code);
  if (cached) {
    pruneCached("grader-worker-", name, 24 * 3600_000); // older versions a still-running server might yet start
    return cached;
  }
  // No usable cache directory: a private one of our own.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "latent-grader-"));
  const file = path.join(dir, name);
  fs.writeFileSync(file, code, { mode: 0o600 });
  return file;
}

/** The path of the grading process's script, built once per process (again if the file was removed). */
export async function gradingProcessScript(): Promise<string> {
  if (script) {
    const file = await script.catch(() => null);
    if (file && fs.existsSync(file)) return file;
    script = undefined;
  }
  script ??= buildProcessScript();
  return script;
}
