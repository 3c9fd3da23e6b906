// The parsing thread's script: worker-entry.ts and what it imports (the deck parser, the markdown renderer with
// unified, KaTeX and highlight.js), bundled by esbuild into one CommonJS script, once per process, kept in memory and
// handed to each thread as code (Worker's `eval`), so it runs the same under Next's bundles, tsx and Vitest.
import path from "node:path";

let script: Promise<string> | undefined;

async function buildScript(): Promise<string> {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "content", "off-thread", "worker-entry.ts")],
    bundle: true,
    write: false,
    format: "cjs",
    platform: "node",
    target: "node20",
    alias: { "@": process.cwd() },
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

/** The parsing thread's code, built on first use (about a second, in esbuild's own process). */
export function parsingThreadScript(): Promise<string> {
  script ??= buildScript().catch((error: unknown) => {
    script = undefined;
    throw error;
  });
  return script;
}
