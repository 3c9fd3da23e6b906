// What runs inside the sandbox, compiled to one plain script per exercise: the test API, the runner, the module
// loader (sucrase) and the exercise's visible and hidden tests. TensorFlow.js is not in it: the isolate gets its
// own copy from tfjs's prebuilt bundle. Built with esbuild on first use, kept in memory and on disk (cache.ts),
// keyed by the content of every input file, so an edited test or runner is rebuilt and nothing stale is served.
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

function entrySource(exerciseDir: string): string {
  const lib = (file: string) => JSON.stringify(path.join(process.cwd(), "lib", "lab", file));
  return `
    import { gradeSolution } from ${lib("runner/grade.ts")};
    import { collectTests } from ${lib("api/define.ts")};
    import { planTests } from ${lib("runner/run-suite.ts")};
    import visible from ${JSON.stringify(path.join(exerciseDir, "tests.ts"))};
    import hidden from ${JSON.stringify(path.join(exerciseDir, "hidden.ts"))};
    // Visible tests first, then hidden ones: a hidden test's inputs can never reach a visible test's message.
    const suites = [visible, hidden];
    // The plan, taken before any learner code runs, is what the host checks the results against.
    globalThis.__latentPlan = () => JSON.stringify(planTests(collectTests(suites, { tf: globalThis.tf, solution: {} })));
    globalThis.__latentGrade = (source, exportsJson, report) =>
      gradeSolution({
        tf: globalThis.tf,
        source,
        exports: JSON.parse(exportsJson),
        tests: suites,
        backend: "cpu",
        onPlan: () => report.applySync(undefined, ["plan", ""]),
        onTestStart: ({ index }) => report.applySync(undefined, ["start", String(index)]),
        onTestEnd: ({ index, result }) => report.applySync(undefined, ["end", JSON.stringify({ index, result })]),
      }).then((results) => JSON.stringify(results));
  `;
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
  const entry = entrySource(dir);
  const manifestName = `sandbox-${exerciseId}.json`;
  const manifest = readCached(manifestName, (text) => JSON.parse(text) as Manifest);
  if (manifest && inputsUnchanged(manifest.inputs)) {
    const code = readCached(`sandbox-${manifest.key}.js`, (text) => text);
    if (code !== null && contentHash(code) === manifest.key) return { code, key: manifest.key, inputs: manifest.inputs };
  }
  const { build } = await import("esbuild");
  const sourcefile = `sandbox-${exerciseId}.ts`;
  const result = await build({
    stdin: { contents: entry, resolveDir: process.cwd(), loader: "ts", sourcefile },
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
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.text;
  const key = contentHash(code);
  const inputs: Record<string, string> = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    if (input === sourcefile || input.startsWith("<stdin>")) continue;
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
