// The server sandbox contains hostile code: each case grades, gives a verdict a learner can act on, and leaves
// the next submission unaffected. Runs real isolates with real tfjs (CPU backend).
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { gradeInSandbox } from "./grade-in-sandbox";

const reference = fs.readFileSync("lab/kl-divergence/solution.ts", "utf8");
const grade = (source: string, extra: Partial<Parameters<typeof gradeInSandbox>[0]> = {}) =>
  gradeInSandbox({ exerciseId: "kl-divergence", source, exports: ["klDivergence"], ...extra });
const kl = (body: string) => `import * as tf from "@tensorflow/tfjs";\nexport function klDivergence(p: tf.Tensor, q: tf.Tensor): any {\n${body}\n}\n`;

async function expectNextSubmissionClean() {
  const next = await grade(reference);
  expect(next.status).toBe("pass");
  expect(next.tests.filter((t) => t.hidden).length).toBeGreaterThan(0);
}

describe("the server sandbox", () => {
  it("grades the reference with visible and hidden tests, on the CPU backend", async () => {
    const results = await grade(reference);
    expect(results).toMatchObject({ status: "pass", backend: "cpu", version: 3 });
    expect(results.points).toBe(results.maxPoints);
  });

  it("stops `while (true) {}` inside a test: that test times out, the rest are not run", async () => {
    const results = await grade(kl("while (true) {}"));
    expect(results.tests[0]).toMatchObject({ status: "timeout" });
    expect(results.tests[0]!.message).toMatch(/Did not finish within 5 s/);
    expect(results.tests.slice(1).every((t) => t.status === "skipped")).toBe(true);
    await expectNextSubmissionClean();
  }, 30_000);

  it("stops an endless loop after an await (async), and a promise that never settles", async () => {
    const looping = await grade(kl("return (async () => { await null; while (true) {} })();"));
    expect(looping.tests[0]!.status).toBe("timeout");
    const pending = await grade(kl("return new Promise(() => {});"));
    expect(["timeout", "fail", "error"]).toContain(pending.tests[0]!.status);
    expect(pending.status).not.toBe("pass");
    await expectNextSubmissionClean();
  }, 40_000);

  it("stops an endless loop at the top level of the module", async () => {
    const results = await grade(`while (true) {}\n${kl("return p;")}`);
    expect(results.status).toBe("error");
    expect(results.message).toMatch(/did not finish loading/);
    await expectNextSubmissionClean();
  }, 30_000);

  it("stops code that allocates until out of memory", async () => {
    const results = await grade(kl("const hoard: number[][] = []; while (true) hoard.push(new Array(1e6).fill(1));"), { memoryLimitMb: 64 });
    expect(results.status).not.toBe("pass");
    expect(JSON.stringify(results)).toMatch(/memory|stopped|timed? ?out|Did not finish/i);
    await expectNextSubmissionClean();
  }, 40_000);

  it("caps what a submission prints", async () => {
    const results = await grade(kl('for (let i = 0; i < 20000; i++) console.log("x".repeat(100)); return tf.sum(p.mul(tf.log(p.div(q))), -1);'));
    const output = results.tests.map((t) => t.output ?? "").join("");
    expect(output.length).toBeLessThan(results.tests.length * 2200);
    expect(output).toMatch(/truncated/);
    await expectNextSubmissionClean();
  }, 40_000);

  it("keeps tampering with tf and Object.prototype inside one submission", async () => {
    const tamper = await grade(`import * as tf from "@tensorflow/tfjs";
      (tf as any).sum = () => { throw new Error("sabotaged"); };
      (Object.prototype as any).polluted = true;
      try { (Array.prototype as any).map = function () { return []; }; } catch {}
      try { (Math as any).abs = () => 0; } catch {}
      export function klDivergence(p: tf.Tensor, q: tf.Tensor) { return p; }`);
    expect(tamper.status).not.toBe("pass");
    expect(tamper.points).toBe(0);
    await expectNextSubmissionClean();
  }, 30_000);

  it("has no process, file system, network, timers or require", async () => {
    for (const probe of ["process.env.HOME", 'require("fs")', 'fetch("http://127.0.0.1/")', "setTimeout(() => 0, 1)", "globalThis.process.exit(1)"]) {
      const results = await grade(kl(`return ${probe};`));
      expect(results.status, probe).not.toBe("pass");
      expect(["error", "fail"], probe).toContain(results.tests[0]!.status);
    }
    const importing = await grade(`import fs from "fs";\nfs.readFileSync("/etc/passwd");\n${kl("return p;")}`);
    expect(importing.status).toBe("error");
    expect(importing.message).toMatch(/Only '@tensorflow\/tfjs' can be imported/);
  }, 60_000);

  it("keeps the host's event loop free while grading", async () => {
    let worst = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
    }, 10);
    await grade(kl("while (true) {}"));
    clearInterval(ticker);
    expect(worst).toBeLessThan(500);
  }, 30_000);
});
