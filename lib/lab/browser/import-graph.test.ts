// What the browser can load: every module reachable from the lab page's client code and its grading worker, by
// following value imports (static, dynamic and `new URL(…, import.meta.url)` workers). Hidden tests, reference
// solutions and server modules must not be among them; type-only imports are erased and do not count.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const REPO = path.resolve(import.meta.dirname, "../../..");
const ENTRIES = ["app/(lab)/lab/[id]/lab-client.tsx", "lib/lab/browser/web-worker.ts"];

const IMPORT = /\bimport\s+(type\s+)?[^"';]*?\bfrom\s*["']([^"']+)["']|\bexport\s+(type\s+)?[^"';]*?\bfrom\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)|\bimport\s+["']([^"']+)["']|new URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url/g;

function valueImports(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(IMPORT)) {
    if (m[2] && !m[1]) found.push(m[2]);
    else if (m[4] && !m[3]) found.push(m[4]);
    else if (m[5] ?? m[6] ?? m[7]) found.push((m[5] ?? m[6] ?? m[7])!);
  }
  return found;
}

function resolveLocal(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(REPO, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null; // a package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${path.relative(REPO, from)}: cannot resolve "${specifier}"`);
}

function browserGraph(): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = ENTRIES.map((entry) => path.join(REPO, entry));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of valueImports(fs.readFileSync(file, "utf8"))) {
      const resolved = resolveLocal(file, specifier);
      if (resolved) queue.push(resolved);
      else packages.add(specifier);
    }
  }
  return { files: [...files].map((file) => path.relative(REPO, file)).sort(), packages: [...packages].sort() };
}

describe("the lab's browser code", () => {
  const graph = browserGraph();

  it("reaches every exercise's visible tests through the worker (so the checks below see the real graph)", () => {
    const exercises = fs.readdirSync(path.join(REPO, "lab"), { withFileTypes: true }).filter((e) => fs.existsSync(path.join(REPO, "lab", e.name, "tests.ts")));
    expect(exercises.length).toBeGreaterThan(0);
    for (const exercise of exercises) expect(graph.files).toContain(`lab/${exercise.name}/tests.ts`);
    expect(graph.files).toContain("lib/lab/runner/grade.ts");
  });

  it("never reaches hidden tests, reference solutions or other learners' solutions", () => {
    const leaked = graph.files.filter((file) => /^lab\/[^/]+\/(hidden|solution)\.ts$|^lab\/[^/]+\/(wrong|correct)\//.test(file));
    expect(leaked).toEqual([]);
  });

  it("never reaches server modules or Node built-ins", () => {
    const server = graph.files.filter((file) =>
      // lib/http/api-client.ts is the browser's side of the JSON API (it imports nothing); the rest of lib/http is the server's.
      /^lib\/(db|auth|review|server)\/|^lib\/http\/(?!api-client\.ts$)|^lib\/lab\/(sandbox|exercises)\/|^lib\/lab\/submissions\/|^lib\/lab\/(drafts|editor-typings)\.ts$|^lib\/lab\/runner\/node-tf\.ts$/.test(file),
    );
    expect(server).toEqual([]);
    expect(graph.packages.filter((name) => name.startsWith("node:") || ["fs", "path", "os", "child_process", "isolated-vm", "pg"].includes(name))).toEqual([]);
  });
});
