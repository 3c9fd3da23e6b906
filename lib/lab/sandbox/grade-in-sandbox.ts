// Grades learner code on the server in a fresh V8 isolate (isolated-vm): no require, process, file system,
// network or timers inside; a memory limit; each test's time limit enforced from outside by disposing the isolate.
// TensorFlow.js (CPU backend) is loaded into every isolate from V8's code cache of its prebuilt bundle.
import ivm from "isolated-vm";
import { errorResults, interruptedResults, type PlannedTest, type Results, type TestResult } from "@/lib/lab/results";
import { readTfjsBundle, sandboxBundle } from "./bundle";

export type SandboxOptions = {
  exerciseId: string;
  source: string;
  exports: readonly string[];
  memoryLimitMb?: number;
  /** Time the learner's module may take to load (top-level code). */
  loadLimitMs?: number;
};

const GRACE_MS = 300;

// After tfjs and the tests are loaded, and before the learner's code: JavaScript's built-ins and tf are frozen,
// so a submission cannot rewrite what the runner relies on (Array.prototype.map returning [], Math.abs returning 0,
// a fake tf.sum). Error prototypes stay writable: freezing them breaks \`this.name = …\` in every error subclass.
const FREEZE = `
  for (const name of ["Object", "Array", "Function", "Promise", "Math", "JSON", "Number", "String", "Boolean", "Symbol",
    "Map", "Set", "WeakMap", "WeakSet", "Reflect",
    "ArrayBuffer", "DataView", "Float32Array", "Float64Array", "Int32Array", "Uint8Array", "Uint8ClampedArray", "Date", "RegExp"]) {
    const value = globalThis[name];
    if (value) { Object.freeze(value); if (value.prototype) Object.freeze(value.prototype); }
  }
  Object.freeze(Object.getPrototypeOf(function* () {}));
  Object.freeze(Object.getPrototypeOf(async function () {}));
  Object.freeze(globalThis.tf);
`;

/**
 * The results must describe exactly the tests planned before the learner's code ran, in order, with their points
 * and visibility; totals are recomputed here. Anything else means the code interfered with the runner.
 */
export function checkAgainstPlan(results: Results, plan: PlannedTest[]): Results {
  const tampered = () =>
    errorResults(plan, {
      backend: results.backend,
      durationMs: results.durationMs,
      message: "Your code interfered with the test runner (it changed JavaScript's or tf's built-in objects), so it could not be graded. Remove those changes and submit again.",
    });
  if (results.tests.length !== plan.length) return tampered();
  for (const [index, test] of results.tests.entries()) {
    const planned = plan[index]!;
    if (test.name !== planned.name || test.maxPoints !== planned.maxPoints || test.hidden !== planned.hidden) return tampered();
    if (test.points !== (test.status === "pass" ? planned.maxPoints : 0)) return tampered();
  }
  const points = results.tests.reduce((sum, test) => sum + test.points, 0);
  const maxPoints = plan.reduce((sum, test) => sum + test.maxPoints, 0);
  const status = results.status === "error" ? "error" : results.tests.every((test) => test.status === "pass") ? "pass" : "fail";
  return { ...results, points, maxPoints, status };
}
const SETUP_LIMIT_MS = 10_000;

// tfjs's platform inside the isolate: no network; UTF-8 only for the few string ops tests might use.
const PLATFORM = `
  const utf8 = {
    encode(text) { const out = []; for (const ch of text) { let c = ch.codePointAt(0);
      if (c < 0x80) out.push(c); else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)); }
      return new Uint8Array(out); },
    decode(bytes) { let s = ""; for (let i = 0; i < bytes.length;) { const b = bytes[i++];
      if (b < 0x80) s += String.fromCharCode(b);
      else if (b < 0xe0) s += String.fromCharCode(((b & 31) << 6) | (bytes[i++] & 63));
      else if (b < 0xf0) s += String.fromCharCode(((b & 15) << 12) | ((bytes[i++] & 63) << 6) | (bytes[i++] & 63));
      else { const c = ((b & 7) << 18) | ((bytes[i++] & 63) << 12) | ((bytes[i++] & 63) << 6) | (bytes[i++] & 63); s += String.fromCodePoint(c); } }
      return s; },
  };
  tf.setPlatform("latent-sandbox", {
    fetch: async () => { throw new Error("There is no network in the lab."); },
    now: () => Date.now(),
    encode: (text) => utf8.encode(text),
    decode: (bytes) => utf8.decode(bytes),
    isTypedArray: (a) => ArrayBuffer.isView(a) && !(a instanceof DataView),
  });
  tf.env().set("PROD", true);
  tf.setBackend("cpu");
`;

let tfjs: { code: string; cache: ivm.ExternalCopy<ArrayBuffer> | undefined } | null = null;

async function tfjsScript(isolate: ivm.Isolate): Promise<ivm.Script> {
  if (!tfjs) {
    const code = readTfjsBundle();
    const script = (await isolate.compileScript(code, { filename: "tf.es2017.min.js", produceCachedData: true })) as ivm.Script & ivm.CachedDataResult;
    tfjs = { code, cache: script.cachedData };
    return script;
  }
  const script = (await isolate.compileScript(tfjs.code, { filename: "tf.es2017.min.js", cachedData: tfjs.cache })) as ivm.Script & { cachedDataRejected?: boolean };
  if (script.cachedDataRejected) tfjs.cache = undefined;
  return script;
}

export async function gradeInSandbox(options: SandboxOptions): Promise<Results> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const bundle = await sandboxBundle(options.exerciseId);
  const isolate = new ivm.Isolate({ memoryLimit: options.memoryLimitMb ?? 128 });
  let planned: PlannedTest[] = [];
  let runningIndex = -1;
  let runningSince = 0;
  const finished: TestResult[] = [];
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  let stopReason: string | null = null;

  const arm = (ms: number, reason: () => string) => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      stopReason = reason();
      if (!isolate.isDisposed) isolate.dispose();
    }, ms);
  };

  try {
    const context = await isolate.createContext();
    // tfjs looks for a global object under the names browsers and Node give it.
    await context.eval("globalThis.self = globalThis; globalThis.global = globalThis;");
    await (await tfjsScript(isolate)).run(context, { timeout: SETUP_LIMIT_MS });
    await context.eval(PLATFORM, { timeout: SETUP_LIMIT_MS });
    await (await isolate.compileScript(bundle, { filename: `sandbox-${options.exerciseId}.js` })).run(context, { timeout: SETUP_LIMIT_MS });

    const report = new ivm.Reference((kind: string, payload: string) => {
      if (kind === "plan") {
        planned = JSON.parse(payload) as PlannedTest[];
        clearTimeout(watchdog);
      } else if (kind === "start") {
        runningIndex = Number(payload);
        runningSince = performance.now();
        const test = planned[runningIndex];
        const limit = test?.timeoutMs ?? 5000;
        arm(limit + GRACE_MS, () => `Did not finish within ${limit / 1000} s, so it was stopped. Look for a loop that never ends or a very large tensor.`);
      } else if (kind === "end") {
        const { index, result } = JSON.parse(payload) as { index: number; result: TestResult };
        finished[index] = result;
        clearTimeout(watchdog);
      }
    });
    const trustedPlan = JSON.parse((await context.eval("__latentPlan()", { timeout: SETUP_LIMIT_MS })) as string) as PlannedTest[];
    await context.eval(FREEZE, { timeout: SETUP_LIMIT_MS });
    const grade = (await context.global.get("__latentGrade", { reference: true })) as ivm.Reference<(s: string, e: string, r: unknown) => Promise<string>>;
    const loadLimit = options.loadLimitMs ?? 5000;
    arm(loadLimit, () => `Your module did not finish loading within ${loadLimit / 1000} s. Look for a loop at the top level of your file that never ends.`);
    const json = (await grade.apply(undefined, [options.source, JSON.stringify(options.exports), report], {
      result: { promise: true, copy: true },
    })) as string;
    clearTimeout(watchdog);
    return checkAgainstPlan({ ...(JSON.parse(json) as Results), durationMs: elapsed() }, trustedPlan);
  } catch (error) {
    clearTimeout(watchdog);
    const message = error instanceof Error ? error.message : String(error);
    const outOfMemory = /memory limit|Array buffer allocation failed|allocation failed/i.test(message);
    if (stopReason && runningIndex >= 0 && planned.length > 0) {
      return interruptedResults(planned, finished, { runningIndex, runningMs: performance.now() - runningSince, backend: "cpu", durationMs: elapsed(), reason: stopReason });
    }
    if (outOfMemory && runningIndex >= 0 && planned.length > 0) {
      return interruptedResults(planned, finished, {
        runningIndex,
        runningMs: performance.now() - runningSince,
        backend: "cpu",
        durationMs: elapsed(),
        reason: `Used more than ${options.memoryLimitMb ?? 128} MB of memory, so it was stopped. Look for a tensor far larger than the inputs.`,
      });
    }
    return errorResults(planned, {
      backend: "cpu",
      durationMs: elapsed(),
      message: stopReason ?? (outOfMemory ? `Your code used more than ${options.memoryLimitMb ?? 128} MB of memory while loading.` : `The sandbox stopped your code: ${message}`),
    });
  } finally {
    if (!isolate.isDisposed) isolate.dispose();
  }
}
