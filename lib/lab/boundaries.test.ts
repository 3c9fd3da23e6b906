// The test API, the runner core and every exercise's tests run in the browser worker and in the server sandbox
// too, where there is no Node: they must not reach for it.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const REPO = path.resolve(import.meta.dirname, "../..");
const portable = [
  ...fs.readdirSync(path.join(REPO, "lib/lab/api")).filter((f) => !f.endsWith(".test.ts")).map((f) => `lib/lab/api/${f}`),
  // The runner, but for node-tf.ts (tfjs for the CLI and the tests, in Node).
  ...fs.readdirSync(path.join(REPO, "lib/lab/runner")).filter((f) => !f.endsWith(".test.ts") && f !== "node-tf.ts").map((f) => `lib/lab/runner/${f}`),
  "lib/lab/exercises/prompt.ts",
  "lib/lab/exercises/note-ref.ts",
  "lib/lab/sandbox/isolate-entry.ts",
  "lib/content/front-matter.ts",
  ...fs
    .readdirSync(path.join(REPO, "lab"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => ["tests.ts", "hidden.ts", "solution.ts"].map((f) => `lab/${entry.name}/${f}`))
    .filter((f) => fs.existsSync(path.join(REPO, f))),
];

describe("environment-agnostic lab code", () => {
  it.each(portable)("%s imports no Node module and touches no Node global", (file) => {
    const source = fs.readFileSync(path.join(REPO, file), "utf8");
    expect(source).not.toMatch(/from\s+["']node:|from\s+["'](fs|path|os|url|child_process|util)["']/);
    expect(source).not.toMatch(/\brequire\(|\bprocess\.|\bBuffer\b|\b__dirname\b/);
  });

  it("imports tfjs only as types (tf is injected); learner solutions get theirs from the module loader", () => {
    for (const file of portable.filter((f) => !f.endsWith("/solution.ts"))) {
      const source = fs.readFileSync(path.join(REPO, file), "utf8");
      expect(source, file).not.toMatch(/^import (?!type)[^;]*from "@tensorflow\/tfjs"/m);
    }
  });
});
