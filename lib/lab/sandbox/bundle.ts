// What runs inside the sandbox, compiled to one plain script per exercise: the test API, the runner, the module
// loader (sucrase) and the exercise's visible and hidden tests. TensorFlow.js is not in it: the isolate gets its
// own copy from tfjs's prebuilt bundle. Built with esbuild on first use and kept per process.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { LAB_DIR } from "@/lib/lab/exercises";

const cache = new Map<string, Promise<string>>();

function entrySource(exerciseDir: string): string {
  const api = path.join(process.cwd(), "lib", "lab", "grade.ts");
  return `
    import { gradeSubmission } from ${JSON.stringify(api)};
    import { collectTests } from ${JSON.stringify(path.join(process.cwd(), "lib", "lab", "api", "define.ts"))};
    import { planTests } from ${JSON.stringify(path.join(process.cwd(), "lib", "lab", "run.ts"))};
    import visible from ${JSON.stringify(path.join(exerciseDir, "tests.ts"))};
    import hidden from ${JSON.stringify(path.join(exerciseDir, "hidden.ts"))};
    // The plan, taken before any learner code runs, is what the host checks the results against.
    globalThis.__latentPlan = () => JSON.stringify(planTests(collectTests([visible, hidden], { tf: globalThis.tf, solution: {} })));
    globalThis.__latentGrade = (source, exportsJson, report) =>
      gradeSubmission({
        tf: globalThis.tf,
        source,
        exports: JSON.parse(exportsJson),
        tests: [visible, hidden],
        backend: "cpu",
        onPlan: (tests) => report.applySync(undefined, ["plan", JSON.stringify(tests)]),
        onTestStart: ({ index }) => report.applySync(undefined, ["start", String(index)]),
        onTestEnd: ({ index, result }) => report.applySync(undefined, ["end", JSON.stringify({ index, result })]),
      }).then((results) => JSON.stringify(results));
  `;
}

export function sandboxBundle(exerciseId: string): Promise<string> {
  let bundle = cache.get(exerciseId);
  if (!bundle) {
    const dir = path.join(LAB_DIR, exerciseId);
    bundle = build({
      stdin: { contents: entrySource(dir), resolveDir: process.cwd(), loader: "ts", sourcefile: `sandbox-${exerciseId}.ts` },
      bundle: true,
      write: false,
      format: "iife",
      platform: "neutral",
      target: "es2020",
      mainFields: ["module", "main"],
      alias: { "@": process.cwd() },
      // Type-only imports of tfjs vanish; anything else would be a mistake in a portable file.
      external: ["@tensorflow/tfjs", "@tensorflow/tfjs-core"],
      logLevel: "silent",
    }).then((result) => result.outputFiles[0]!.text);
    cache.set(exerciseId, bundle);
    bundle.catch(() => cache.delete(exerciseId));
  }
  return bundle;
}

export function bundleFingerprint(code: string): string {
  return crypto.createHash("sha256").update(code).digest("hex").slice(0, 16);
}

export function tfjsBundlePath(): string {
  return path.join(process.cwd(), "node_modules", "@tensorflow", "tfjs", "dist", "tf.es2017.min.js");
}

export function readTfjsBundle(): string {
  return fs.readFileSync(tfjsBundlePath(), "utf8");
}
