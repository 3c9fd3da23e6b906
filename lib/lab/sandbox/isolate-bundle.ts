// What runs inside the sandbox, compiled to one plain script per exercise: isolate-entry.ts and what it imports (the
// test API, the runner, the module loader with sucrase) with the exercise's visible and hidden tests. TensorFlow.js is
// not in it: the isolate gets its own copy from tfjs's prebuilt bundle. Built with esbuild on first use, kept in
// memory and on disk (cache.ts), keyed by the content of every input file, so an edited test, runner or entry is
// rebuilt and nothing stale is served.
import type { Plugin } from "esbuild";
import fs from "node:fs";
import path from "node:path";
import { LAB_DIR } from "@/lib/lab/exercises/load";
import { contentHash, readCached, removeCached, writeCached } from "./cache";

export type SandboxBundle = { code: string; /** changes whenever the code does: keys V8's code cache */ key: string };

type Built = SandboxBundle & { inputs: Record<string, string> };
// Per process: the build, and each input's size and mtime when it was checked (a stat is cheaper than a hash).
const memory = new Map<string, { built: Promise<Built>; stamps?: Map<string, string> }>();

const stamp = (file: string) => {
  try {
    const stat = fs.statSync(file);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return "missing";
  }
};

const ENTRY = path.join(process.cwd(), "lib", "lab", "sandbox", "isolate-entry.ts");

/** Resolves the entry's "latent:visible-tests" and "latent:hidden-tests" to the exercise's tests.ts and hidden.ts. */
function exerciseSuites(exerciseDir: string): Plugin {
  const files: Record<string, string> = { "latent:visible-tests": "tests.ts", "latent:hidden-tests": "hidden.ts" };
  return {
    name: "exercise-suites",
    setup(build) {
      build.onResolve({ filter: /^latent:(visible|hidden)-tests$/ }, (args) => ({ path: path.join(exerciseDir, files[args.path]!) }));
    },
  };
}

type Manifest = { inputs: Record<string, string>; key: string };

function inputsUnchanged(inputs: Record<string, string>): boolean {
  for (const [file, hash] of Object.entries(inputs)) {
    let content: Buffer;
    try {
      content = fs.readFileSync(file);
    } catch {
      return false;
    }
    if (contentHash(content) !== hash) return false;
  }
  return true;
}

async function buildBundle(exerciseId: string): Promise<Built> {
  const dir = path.join(LAB_DIR, exerciseId);
  const manifestName = `sandbox-${exerciseId}.json`;
  const manifest = readCached(manifestName, (text) => JSON.parse(text) as Manifest);
  if (manifest && inputsUnchanged(manifest.inputs)) {
    const code = readCached(`sandbox-${manifest.key}.js`, (text) => text);
    if (code !== null && contentHash(code) === manifest.key) return { code, key: manifest.key, inputs: manifest.inputs };
  }
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    metafile: true,
    format: "iife",
    platform: "neutral",
    target: "es2020",
    mainFields: ["module", "main"],
    alias: { "@": process.cwd() },
    // Strict code throughout: a learner's function cannot reach the runner's frames through .caller or .arguments.
    banner: { js: '"use strict";' },
    // Type-only imports of tfjs vanish; anything else would be a mistake in a portable file.
    external: ["@tensorflow/tfjs", "@tensorflow/tfjs-core"],
    plugins: [exerciseSuites(dir)],
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.text;
  const key = contentHash(code);
  const inputs: Record<string, string> = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = path.resolve(process.cwd(), input);
    inputs[file] = contentHash(fs.readFileSync(file));
  }
  writeCached(`sandbox-${key}.js`, code);
  if (manifest && manifest.key !== key) removeCached(`sandbox-${manifest.key}.js`);
  writeCached(manifestName, JSON.stringify({ inputs, key } satisfies Manifest));
  return { code, key, inputs };
}

/** The exercise's sandbox script, rebuilt when one of its inputs changed. Callers check the exercise exists. */
export async function sandboxBundle(exerciseId: string): Promise<SandboxBundle> {
  const entry = memory.get(exerciseId);
  if (entry?.stamps && [...entry.stamps].every(([file, seen]) => stamp(file) === seen)) return entry.built;
  if (entry && !entry.stamps) return entry.built; // being built
  const built = buildBundle(exerciseId);
  const fresh: { built: Promise<Built>; stamps?: Map<string, string> } = { built };
  memory.set(exerciseId, fresh);
  try {
    const { inputs } = await built;
    fresh.stamps = new Map(Object.keys(inputs).map((file) => [file, stamp(file)]));
    return built;
  } catch (error) {
    if (memory.get(exerciseId) === fresh) memory.delete(exerciseId);
    throw error;
  }
}

export function tfjsBundlePath(): string {
  return path.join(process.cwd(), "node_modules", "@tensorflow", "tfjs", "dist", "tf.es2017.min.js");
}

export function readTfjsBundle(): string {
  return fs.readFileSync(tfjsBundlePath(), "utf8");
}
