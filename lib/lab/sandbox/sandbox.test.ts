// The server sandbox contains hostile code: each case gets a verdict a learner can act on, and the next submission
// (same grading process, fresh isolate) grades correctly. Real grading processes, real isolates, real tfjs.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { resultsSchema } from "@/lib/lab/results-schema";
import { MESSAGE_LIMIT } from "./accept";
import { createGrader } from "./grader";

// One process, so "the next submission" runs where the hostile one did.
const grader = createGrader({ workers: 1, queueLimit: 8 });
afterAll(() => grader.close());

const reference = fs.readFileSync("lab/kl-divergence/solution.ts", "utf8");
const grade = (source: string) => grader.grade({ exerciseId: "kl-divergence", source, exports: ["klDivergence"] }).then((r) => resultsSchema.parse(r));
const kl = (body: string) => `import * as tf from "@tensorflow/tfjs";\nexport function klDivergence(p: tf.Tensor, q: tf.Tensor): any {\n${body}\n}\n`;

async function expectNextSubmissionClean() {
  const next = await grade(reference);
  expect(next.status).toBe("pass");
  expect(next.points).toBe(next.maxPoints);
  expect(next.tests.filter((t) => t.hidden).length).toBeGreaterThan(0);
}

const expectFirstStoppedRestSkipped = (results: { tests: Array<{ status: string }> }, status: string) => {
  expect(results.tests[0]!.status).toBe(status);
  expect(results.tests.slice(1).every((t) => t.status === "skipped")).toBe(true);
};

describe("the server sandbox", () => {
  it("grades the reference with visible and hidden tests on the CPU backend", async () => {
    const results = await grade(reference);
    expect(results).toMatchObject({ status: "pass", backend: "cpu", version: 3 });
    expect(results.tests.some((t) => t.hidden) && results.tests.some((t) => !t.hidden)).toBe(true);
  });

  it("stops `while (true) {}` in a test: that test times out, the rest are not run", async () => {
    const results = await grade(kl("while (true) {}"));
    expectFirstStoppedRestSkipped(results, "timeout");
    expect(results.tests[0]!.message).toMatch(/Did not finish within 5 s/);
    expect(results.status).toBe("fail");
    await expectNextSubmissionClean();
  });

  it("stops an endless loop after an await (async)", async () => {
    const results = await grade(kl("return (async () => { await null; while (true) {} })();"));
    expectFirstStoppedRestSkipped(results, "timeout");
    await expectNextSubmissionClean();
  });

  it("stops a test waiting on a promise that never settles", async () => {
    // train-step's tests await the learner's function.
    const results = await grader.grade({ exerciseId: "train-step", source: "export function trainStep() { return new Promise(() => {}); }", exports: ["trainStep"] });
    expectFirstStoppedRestSkipped(results, "timeout");
    await expectNextSubmissionClean();
  });

  it("stops an endless loop at the top level of the module, and still lists the tests", async () => {
    const results = await grade(`while (true) {}\n${kl("return p;")}`);
    expect(results.status).toBe("error");
    expect(results.message).toMatch(/did not finish loading within 5 s/);
    expect(results.tests.length).toBeGreaterThan(0);
    expect(results.tests.every((t) => t.status === "skipped")).toBe(true);
    await expectNextSubmissionClean();
  });

  it("stops code that allocates until out of memory", async () => {
    const results = await grade(kl("const hoard: number[][] = []; while (true) hoard.push(new Array(1e6).fill(1));"));
    expectFirstStoppedRestSkipped(results, "error");
    expect(results.tests[0]!.message).toMatch(/Used more than 128 MB of memory/);
    await expectNextSubmissionClean();
  });

  it("refuses a tensor far beyond the memory limit", async () => {
    const results = await grade(kl("return tf.zeros([20000, 20000]).sum(-1);"));
    expect(results.tests[0]!.status).toBe("error");
    expect(results.status).toBe("fail");
    await expectNextSubmissionClean();
  });

  it("caps what a submission prints", async () => {
    const results = await grade(kl('for (let i = 0; i < 20000; i++) console.log("x".repeat(100)); return tf.sum(p.mul(tf.log(p.div(q))), -1);'));
    for (const test of results.tests) expect((test.output ?? "").length).toBeLessThan(2200);
    expect(results.tests[0]!.output).toMatch(/output truncated/);
    expect(JSON.stringify(results).length).toBeLessThan(100_000);
    await expectNextSubmissionClean();
  });

  it("caps a huge error message", async () => {
    const results = await grade(kl('throw new Error("x".repeat(1_000_000));'));
    expect(results.tests[0]!.status).toBe("error");
    expect(results.tests[0]!.message!.length).toBeLessThan(MESSAGE_LIMIT + 100);
    await expectNextSubmissionClean();
  });

  it("cannot rewrite tf or JavaScript's built-ins: the attempt fails to load", async () => {
    const results = await grade(`import * as tf from "@tensorflow/tfjs";
      (tf as any).sum = () => { throw new Error("sabotaged"); };
      (Object.prototype as any).polluted = true;
      ${kl("return p;").replace(/^import.*\n/, "")}`);
    expect(results.status).toBe("error");
    expect(results.message).toMatch(/read.only|not extensible|Cannot assign|Cannot add property/i);
    expect(results.points).toBe(0);
    await expectNextSubmissionClean();
  });

  it("tampering with what is not frozen (tf's engine, Error) stays in that submission", async () => {
    const results = await grade(`import * as tf from "@tensorflow/tfjs";
      const engine = tf.engine() as any;
      engine.backendInstance.readSync = () => new Float32Array(64);
      engine.registry.cpu = undefined;
      (Error as any).prepareStackTrace = () => "forged";
      try { (Array.prototype as any).map = () => []; } catch {}
      try { (Math as any).abs = () => 0; } catch {}
      ${kl("return tf.sum(p.mul(tf.log(p.div(q))), -1);").replace(/^import.*\n/, "")}`);
    expect(results.status).not.toBe("pass");
    await expectNextSubmissionClean();
  });

  it.each([
    ["process.env", "return (globalThis as any).process.env.HOME;"],
    ["require", 'return (globalThis as any).require("fs");'],
    ["fetch", 'return (globalThis as any).fetch("http://127.0.0.1:1/");'],
    ["setTimeout", "return (globalThis as any).setTimeout(() => 0, 1);"],
    ["the Function constructor", 'return Function("return process")();'],
    ["the global object's constructor", 'return (globalThis as any).constructor.constructor("return process.mainModule")();'],
    ["tf's platform fetch", 'return tf.env().platform.fetch("http://127.0.0.1:1/");'],
  ])("has no %s", async (_name, body) => {
    const results = await grade(kl(body));
    expect(results.tests[0]!.status).toMatch(/^(error|fail)$/);
    expect(results.status).not.toBe("pass");
  });

  it("cannot import Node modules, statically or dynamically", async () => {
    const statically = await grade(`import fs from "fs";\nfs.readFileSync("/etc/passwd");\n${kl("return p;")}`);
    expect(statically.status).toBe("error");
    expect(statically.message).toMatch(/Only '@tensorflow\/tfjs' can be imported/);
    const dynamically = await grade(kl('return import("node:fs").then((fs: any) => fs.readFileSync("/etc/passwd", "utf8"));'));
    expect(dynamically.tests[0]!.status).toMatch(/^(error|fail)$/);
    expect(JSON.stringify(dynamically)).not.toMatch(/root:/);
  });

  it("gives learner code no way to the runner's internals (globals, callers, stack frames)", async () => {
    const probe = await grade(kl(`
      const g = globalThis as any;
      const seen = [typeof g.__latentGrade, typeof g.__latentPlan];
      (Error as any).prepareStackTrace = (_e: unknown, frames: any[]) => frames;
      const frames: any = new Error().stack;
      (Error as any).prepareStackTrace = undefined;
      seen.push(frames.filter((f: any) => f.getFunction() !== undefined || f.getThis() !== undefined).length);
      let caller: unknown = "none";
      try { caller = (klDivergence as any).caller; } catch { caller = "refused"; }
      seen.push(String(caller));
      throw new Error(seen.join(","));`));
    expect(probe.tests[0]!.message).toMatch(/undefined,undefined,0,refused/);
  });

  it("replaces a grading process that dies mid-run, and the run still gets a verdict", async () => {
    const [pid] = grader.stats().processes;
    const running = grade(kl("while (true) {}"));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    process.kill(pid!, "SIGKILL");
    const results = await running;
    expectFirstStoppedRestSkipped(results, "error");
    expect(results.tests[0]!.message).toMatch(/grading process crashed/);
    await expectNextSubmissionClean();
    expect(grader.stats().processes).not.toContain(pid);
  });

  it("keeps the host answering HTTP requests while hostile code grades", async () => {
    const server = http.createServer((_req, res) => res.end("pong"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const grading = grade(kl("while (true) {}"));
    const latencies: number[] = [];
    const until = performance.now() + 3000;
    while (performance.now() < until) {
      const started = performance.now();
      expect(await (await fetch(url)).text()).toBe("pong");
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await grading;
    server.close();
    latencies.sort((a, b) => a - b);
    expect(latencies.length).toBeGreaterThan(50);
    expect(latencies[Math.floor(latencies.length * 0.95)]!).toBeLessThan(100);
  });
});
