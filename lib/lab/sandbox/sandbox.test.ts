// The server sandbox contains hostile code: each case gets a verdict a learner can act on, and the next submission
// (same grading process, fresh isolate) grades correctly. Real grading processes, real isolates, real tfjs.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { resultsSchema } from "@/lib/lab/runner/results-schema";
import { redactHidden } from "@/lib/lab/submissions/redact";
import { MESSAGE_LIMIT } from "./accept";
import { createGradingPool, type GradingPool } from "./process-pool";
import { GRACE_MS, LOAD_LIMIT_MS } from "@/lib/lab/runner/limits";
import { DEFAULT_BUDGET_MS, graderRssLimitMb } from "./limits";

// One process, so "the next submission" runs where the hostile one did.
const grader = createGradingPool({ size: 1, queueLimit: 8 });
afterAll(() => grader.close());

const reference = fs.readFileSync("lab/kl-divergence/solution.ts", "utf8");
const grade = (source: string) => grader.grade({ exerciseId: "kl-divergence", source, exports: ["klDivergence"] }).then((r) => resultsSchema.parse(r));
const kl = (body: string) => `import * as tf from "@tensorflow/tfjs";\nexport function klDivergence(p: tf.Tensor, q: tf.Tensor): any {\n${body}\n}\n`;

async function expectNextSubmissionClean(on: GradingPool = grader) {
  const next = resultsSchema.parse(await on.grade({ exerciseId: "kl-divergence", source: reference, exports: ["klDivergence"] }));
  expect(next.status).toBe("pass");
  expect(next.points).toBe(next.maxPoints);
  expect(next.tests.filter((t) => t.hidden).length).toBeGreaterThan(0);
}

function residentMb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
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

  it.each([
    ["the CPU backend's class", "(Object.getPrototypeOf(tf.backend()) as any).readSync = () => new Float32Array(64);"],
    ["the engine's class", "(Object.getPrototypeOf(tf.engine()) as any).makeTensor = () => ({});"],
    ["the engine's own methods", "(tf.engine() as any).endScope = () => undefined;"],
    ["the Tensor class", "(tf.Tensor.prototype as any).dataSync = () => new Float32Array(64);"],
  ])("cannot rewrite %s: the attempt fails to load", async (_what, line) => {
    const results = await grade(`import * as tf from "@tensorflow/tfjs";\n${line}\n${kl("return p;").replace(/^import.*\n/, "")}`);
    expect(results.status).toBe("error");
    expect(results.message).toMatch(/read.only|not extensible|Cannot assign|Cannot add property/i);
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

  it("starts each submission in an isolate no submission ran in: what one leaves on the global object or tf's engine is gone for the next", async () => {
    const leaves = await grade(`${reference}\n(globalThis as any).leftBehind = 42;\n(tf.engine() as any).leftBehind = 42;\n`);
    expect(leaves.status).toBe("pass");
    const finds = await grade(`${reference}
      const found = [(globalThis as any).leftBehind, (tf.engine() as any).leftBehind];
      if (found.some((value) => value !== undefined)) throw new Error("a previous submission's state: " + found.join());\n`);
    expect(finds.message ?? "").not.toContain("previous submission");
    expect(finds.status).toBe("pass");
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

  it("gives learner code no WebAssembly, SharedArrayBuffer, Atomics or resizable ArrayBuffer: memory outside the isolate's limit", async () => {
    const probe = await grade(kl(`
      const g = globalThis as any;
      let resizable = "refused";
      try { resizable = String((new ArrayBuffer(8, { maxByteLength: 1 << 20 } as any) as any).resizable ?? false); } catch {}
      throw new Error(["probe", typeof g.WebAssembly, typeof g.SharedArrayBuffer, typeof g.Atomics, resizable, typeof (ArrayBuffer.prototype as any).resize].join(","));`));
    expect(probe.tests[0]!.message).toMatch(/probe,undefined,undefined,undefined,(false|refused),undefined/);
  });

  it("keeps a submission filling WebAssembly memories and resizable buffers under the process's memory limit; the next one grades normally", async () => {
    let peakMb = 0;
    const sampler = setInterval(() => {
      for (const pid of grader.stats().processes) peakMb = Math.max(peakMb, residentMb(pid));
    }, 25);
    const results = await grade(`import * as tf from "@tensorflow/tfjs";
      const g = globalThis as any;
      const hoard: unknown[] = [];
      for (let i = 0; i < 12; i++) {
        try { const memory = new g.WebAssembly.Memory({ initial: 1024 }); new Uint8Array(memory.buffer).fill(1); hoard.push(memory); } catch {}
      }
      for (let i = 0; i < 8; i++) {
        try { const buffer = new ArrayBuffer(64 << 20, { maxByteLength: 64 << 20 } as any); new Uint8Array(buffer).fill(1); hoard.push(buffer); } catch {}
      }
      export function klDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
        return tf.sum(p, -1);
      }`);
    clearInterval(sampler);
    expect(results.status).toBe("fail");
    expect(results.points).toBe(0);
    expect(peakMb).toBeGreaterThan(0);
    expect(peakMb).toBeLessThan(graderRssLimitMb());
    await expectNextSubmissionClean();
  });

  it("stops a grading process whose resident memory passes its limit, says so, and grades the next submission in a fresh one", async () => {
    // Within the isolate's 128 MB, past a process limit set low for the test.
    const small = createGradingPool({ size: 1, queueLimit: 4, rssLimitMb: 170 });
    try {
      await expectNextSubmissionClean(small);
      const [pid] = small.stats().processes;
      const results = resultsSchema.parse(
        await small.grade({
          exerciseId: "kl-divergence",
          source: kl("const hoard: number[][] = []; for (let i = 0; i < 14; i++) hoard.push(new Array(1e6).fill(i + 0.5)); return tf.sum(p, -1);"),
          exports: ["klDivergence"],
        }),
      );
      expectFirstStoppedRestSkipped(results, "error");
      expect(results.tests[0]!.message).toMatch(/more than 170 MB of memory/);
      await expectNextSubmissionClean(small);
      expect(small.stats().processes).not.toContain(pid);
    } finally {
      small.close();
    }
  });

  it("stops code that keeps queuing microtasks past the last test within the time budget, keeping the verdicts, and grades the next submission", async () => {
    const started = performance.now();
    const results = await grade(`import * as tf from "@tensorflow/tfjs";
      export function klDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
        const again = (): void => void Promise.resolve().then(again);
        again();
        return tf.tidy(() => {
          const present = tf.cast(tf.sign(p), "bool");
          const terms = tf.where(present, tf.mul(p, tf.log(tf.div(tf.where(present, p, tf.onesLike(p)), tf.where(present, q, tf.onesLike(q))))), tf.zerosLike(p));
          return tf.sum(terms, -1);
        });
      }`);
    const tookMs = performance.now() - started;
    expect(tookMs).toBeLessThan(LOAD_LIMIT_MS + DEFAULT_BUDGET_MS + GRACE_MS);
    expect(results.tests.map((t) => t.status)).toEqual(results.tests.map(() => "pass"));
    await expectNextSubmissionClean();
  }, 90_000);

  describe("what a learner sees of hidden tests (the API's view: redactHidden)", () => {
    // The hidden tests of kl-divergence start with a [2, 2, 4] batch (the visible rank-3 one is [2, 1, 3]): code that
    // recognises them can try to leak them.
    const inHidden = (body: string) => kl(`if (p.rank === 3 && p.shape[1] === 2) { ${body} }
return tf.sum(p, -1);`);
    const leaksNothing = (results: unknown) => {
      const text = JSON.stringify(results);
      expect(text).not.toMatch(/SECRET/);
    };

    it("a thrown object whose toString throws the inputs: that test errs, the others keep their verdicts", async () => {
      const results = redactHidden(await grade(inHidden(`throw { toString() { throw new Error("SECRET " + JSON.stringify(p.arraySync())); } };`)));
      leaksNothing(results);
      expect(results.status).toBe("fail");
      expect(results.tests.find((t) => t.hidden)!.status).toBe("error");
      expect(results.tests.filter((t) => !t.hidden).every((t) => t.status === "fail" || t.status === "pass")).toBe(true);
    });

    it("tf.engine().endScope replaced by one throwing the inputs", async () => {
      const results = redactHidden(
        await grade(inHidden(`const secret = "SECRET " + JSON.stringify(p.arraySync());
          const engine = tf.engine() as any;
          try { engine.endScope = () => { throw { toString() { throw new Error(secret); }, message: secret }; }; } catch {}`)),
      );
      leaksNothing(results);
      const direct = redactHidden(
        await grade(inHidden(`const secret = "SECRET " + JSON.stringify(p.arraySync());
          try { Object.defineProperty(tf.engine(), "endScope", { value: () => { throw new Error(secret); } }); } catch {}`)),
      );
      leaksNothing(direct);
    });

    it("what the learner's code prints and how long each hidden test takes", async () => {
      const results = redactHidden(
        await grade(inHidden(`console.log("SECRET", p.arraySync()); const until = Date.now() + p.dataSync()[0]! * 1000; while (Date.now() < until) {}`)),
      );
      leaksNothing(results);
      for (const test of results.tests.filter((t) => t.hidden)) expect(Object.keys(test).sort()).toEqual(["hidden", "maxPoints", "name", "points", "status"]);
      const visibleMs = results.tests.filter((t) => !t.hidden).reduce((total, t) => total + (t.durationMs ?? 0), 0);
      expect(results.durationMs).toBeCloseTo(visibleMs, 0);
    });
  });

  it("starts grading processes with no database URL or secret in their environment", async () => {
    const saved = { DATABASE_URL: process.env.DATABASE_URL, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET };
    process.env.DATABASE_URL = "postgresql://latent:hunter2@db/latent";
    process.env.NEXTAUTH_SECRET = "not-for-learners";
    const fresh = createGradingPool({ size: 1, queueLimit: 1 });
    try {
      await fresh.warm();
      const [pid] = fresh.stats().processes;
      const environment = fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
      expect(environment.filter((entry) => /hunter2|not-for-learners|DATABASE_URL|NEXTAUTH/.test(entry))).toEqual([]);
    } finally {
      fresh.close();
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
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
