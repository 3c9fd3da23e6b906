// The TypeScript declarations of @tensorflow/tfjs for the lab's editor, so `tf.` completes and type errors are
// marked. Read once per server process from node_modules; the editor fetches them after it has appeared.
import fs from "node:fs";
import path from "node:path";

const PACKAGES = ["tfjs", "tfjs-core", "tfjs-layers", "tfjs-data", "tfjs-converter", "tfjs-backend-cpu", "tfjs-backend-webgl"];

let cached: { files: Record<string, string>; version: string } | null = null;

// The paths are built at run time on purpose: `turbopackIgnore` keeps the bundler from tracing node_modules/@tensorflow.
function walk(dir: string, out: string[]) {
  for (const entry of fs.readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })) {
    const full = path.join(/*turbopackIgnore: true*/ dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.name.endsWith(".d.ts")) out.push(full);
  }
}

/** Virtual paths (node_modules/@tensorflow/…) → declaration source, including an index.d.ts per package. */
export function tfjsTypings() {
  if (cached) return cached;
  const root = path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", "@tensorflow");
  const files: Record<string, string> = {};
  for (const name of PACKAGES) {
    const dir = path.join(/*turbopackIgnore: true*/ root, name);
    const found: string[] = [];
    walk(path.join(/*turbopackIgnore: true*/ dir, "dist"), found);
    for (const file of found) files[`node_modules/@tensorflow/${name}/${path.relative(dir, file)}`] = fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8");
    // A package entry point, so `import * as tf from '@tensorflow/tfjs'` resolves without package.json.
    files[`node_modules/@tensorflow/${name}/index.d.ts`] = "export * from './dist/index';\n";
  }
  const version = JSON.parse(fs.readFileSync(path.join(/*turbopackIgnore: true*/ root, "tfjs", "package.json"), "utf8")).version as string;
  cached = { files, version };
  return cached;
}
