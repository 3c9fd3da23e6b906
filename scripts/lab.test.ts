import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseResults } from "@/lib/lab/runner/results-schema";
import { main, parseLabArgs, UsageError } from "./lab";

const REPO = path.resolve(import.meta.dirname, "..");

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd: REPO });
  return { code, stdout, stderr };
}

describe("parseLabArgs", () => {
  it("reads the commands and flags", () => {
    expect(parseLabArgs(["list"])).toEqual({ command: "list", json: false });
    expect(parseLabArgs(["grade", "kl-divergence", "a.ts", "--json", "--hidden"])).toEqual({
      command: "grade",
      exerciseId: "kl-divergence",
      file: "a.ts",
      json: true,
      hidden: true,
    });
  });

  it("rejects what it does not understand", () => {
    expect(() => parseLabArgs([])).toThrow(UsageError);
    expect(() => parseLabArgs(["grade", "kl-divergence"])).toThrow("needs an exercise id and a solution file");
    expect(() => parseLabArgs(["grade", "a", "b", "--verbose"])).toThrow("Unknown option --verbose");
    expect(() => parseLabArgs(["publish"])).toThrow('Unknown command "publish"');
  });
});

describe("npm run lab", () => {
  it("lists the exercises", async () => {
    const { code, stdout } = await run("list");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^kl-divergence\s+KL divergence {2}\(ml-qa#6, ml-qa#5\)$/m);
  });

  it("grades a file: a readable report by default, the results format with --json", async () => {
    const text = await run("grade", "kl-divergence", "lab/kl-divergence/solution.ts");
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("✓ 1-D distributions: a scalar KL(P‖Q) in nats  2/2 pt");
    expect(text.stdout).toMatch(/^PASS {2}16\/16 points · 11\/11 tests passed · cpu · \d+ ms$/m);
    expect(text.stdout).not.toContain("(hidden)");

    const json = await run("grade", "kl-divergence", "lab/kl-divergence/wrong/log2.ts", "--json", "--hidden");
    expect(json.code).toBe(1);
    const results = parseResults(JSON.parse(json.stdout));
    expect(results.status).toBe("fail");
    expect(results.tests.filter((t) => t.hidden).length).toBeGreaterThan(0);
    // Exercism's test_code: each visible test's own source; a hidden test's never.
    const kl = results.tests.find((t) => t.name === "1-D distributions: a scalar KL(P‖Q) in nats")!;
    expect(kl.test_code).toMatch(/^const p = \[0\.1, 0\.4, 0\.5\];\n[\s\S]*expectClose\(kl, klRows\(\[p\], \[q\]\)\[0\] \?\? NaN/);
    for (const test of results.tests) expect(test.test_code === undefined, test.name).toBe(test.hidden);
  });

  it("exits 1 with the reason when the solution cannot load", async () => {
    const { code, stdout } = await run("grade", "kl-divergence", "lab/wgan-critic-loss/solution.ts");
    expect(code).toBe(1);
    expect(stdout).toContain("solution.ts must export `klDivergence`");
  });

  it("exits 2 on usage errors, an unknown exercise (listing the known ones) or a missing file", async () => {
    expect((await run()).code).toBe(2);
    const unknown = await run("grade", "kl", "lab/kl-divergence/solution.ts");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown exercise "kl"\. Known exercises: kl-divergence, wgan-critic-loss, train-step/);
    const missing = await run("grade", "kl-divergence", "nope.ts");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("No such file");
  });
});
