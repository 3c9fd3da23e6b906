// Grades learner code in a fresh V8 isolate (isolated-vm): no require, process, file system, network, timers or
// WebAssembly inside; a memory limit; each test's time limit, a short one between tests, and a budget for the whole
// run, enforced from outside by disposing the isolate. TensorFlow.js (CPU backend) is loaded into every isolate from
// V8's code cache of its prebuilt bundle. Runs in a grading process (process-entry.ts), never in the web server.
import ivm from "isolated-vm";
import { errorResults, stoppedResults, type PlannedTest, type Results, type TestResult } from "@/lib/lab/runner/results";
import { acceptResults, acceptTest, capMessage } from "./accept";
import { readTfjsBundle, sandboxBundle } from "./isolate-bundle";
import { GRACE_MS, LOAD_LIMIT_MS } from "@/lib/lab/runner/limits";
import { DEFAULT_BUDGET_MS, DEFAULT_MEMORY_LIMIT_MB, SETUP_LIMIT_MS } from "./limits";
import type { GradingRequest } from "./process-protocol";

export type SandboxRequest = GradingRequest & {
  memoryLimitMb?: number;
  /** Time the learner's module may take to load (top-level code); the browser allows the same. */
  loadLimitMs?: number;
  /** Time all the tests together may take, so one submission cannot hold a grading process for minutes. */
  budgetMs?: number;
};

/** Progress, for a supervisor that must report something if this process dies mid-run. */
export type SandboxEvents = {
  onPlan?: (plan: PlannedTest[]) => void;
  onTestStart?: (index: number) => void;
  onTestEnd?: (index: number, result: TestResult) => void;
};

/** The sandbox could not be prepared (not the learner's doing): nothing was graded. */
export class SandboxSetupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SandboxSetupError";
  }
}

// What the runner may send back before it is capped here (messages are not capped inside): the isolate's memory
// limit bounds it anyway; past this, the report is refused rather than parsed.
const MAX_REPORT_CHARS = 64_000_000;

// After tfjs and the tests are loaded, and before the learner's code: what allocates outside the isolate's memory
// limit is removed (WebAssembly memories, shared and resizable array buffers: measured, ten 64 MiB WebAssembly
// memories took a process to 700 MB under a 128 MB limit), then JavaScript's built-ins and tf are frozen, so a
// submission cannot rewrite what the runner relies on (Array.prototype.map returning [], Math.abs returning 0, a
// fake tf.sum). Error prototypes stay writable: freezing them breaks `this.name = …` in every error subclass.
const FREEZE = `
  delete globalThis.WebAssembly;
  delete globalThis.SharedArrayBuffer;
  delete globalThis.Atomics;
  {
    // Only fixed-length ArrayBuffers: a resizable one's memory is reserved and grown outside the limit.
    const Native = ArrayBuffer;
    const Fixed = function ArrayBuffer(length) {
      if (new.target === undefined) throw new TypeError("Constructor ArrayBuffer requires 'new'");
      return Reflect.construct(Native, [length], new.target === Fixed ? Native : new.target);
    };
    Object.defineProperty(Fixed, "prototype", { value: Native.prototype, writable: false });
    Object.defineProperty(Fixed, "isView", { value: Native.isView, writable: true, configurable: true });
    Object.defineProperty(Fixed, Symbol.species, { get() { return this; }, configurable: true });
    Object.defineProperty(Native.prototype, "constructor", { value: Fixed, writable: true, configurable: true });
    for (const name of ["resize", "transfer", "transferToFixedLength"]) delete Native.prototype[name];
    globalThis.ArrayBuffer = Fixed;
  }
  for (const name of ["Object", "Array", "Function", "Promise", "Math", "JSON", "Number", "String", "Boolean", "Symbol",
    "Map", "Set", "WeakMap", "WeakSet", "Reflect", "BigInt",
    "ArrayBuffer", "DataView", "Float32Array", "Float64Array", "Int8Array", "Int16Array", "Int32Array", "Uint8Array",
    "Uint8ClampedArray", "Uint16Array", "Uint32Array", "Date", "RegExp"]) {
    const value = globalThis[name];
    if (value) { Object.freeze(value); if (value.prototype) Object.freeze(value.prototype); }
  }
  Object.freeze(Object.getPrototypeOf(Uint8Array));
  Object.freeze(Object.getPrototypeOf(Uint8Array.prototype));
  Object.freeze(Object.getPrototypeOf(function* () {}));
  Object.freeze(Object.getPrototypeOf(async function () {}));
  Object.freeze(globalThis.tf);
  // The CPU backend's classes (not its instance, whose data tfjs changes): its methods stay tfjs's own.
  for (let proto = Object.getPrototypeOf(tf.backend()); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) Object.freeze(proto);
`;

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

// V8's code cache per script, kept for the life of the process: a fresh isolate then skips parsing tfjs (~25 ms).
const codeCache = new Map<string, ivm.ExternalCopy<ArrayBuffer> | null>();
let tfjsCode: string | undefined;

async function compileCached(isolate: ivm.Isolate, key: string, code: string, filename: string): Promise<ivm.Script> {
  const cached = codeCache.get(key);
  if (cached) {
    const script = (await isolate.compileScript(code, { filename, cachedData: cached })) as ivm.Script & { cachedDataRejected?: boolean };
    if (script.cachedDataRejected) codeCache.delete(key);
    return script;
  }
  const script = (await isolate.compileScript(code, { filename, produceCachedData: true })) as ivm.Script & ivm.CachedDataResult;
  codeCache.set(key, script.cachedData ?? null);
  return script;
}

// An isolate with tfjs and its platform loaded, nothing else: what every submission starts from. Loading tfjs is
// about a third of a grade (~28 ms of ~80), so a grading process prepares the next one while it is idle (after it
// starts, after each grade) and a submission takes it ready. Each is used once, like any isolate here: a spare has
// run no learner code and holds nothing of a submission, so starting from it is starting from a fresh isolate.
type PreparedIsolate = { isolate: ivm.Isolate; context: ivm.Context; memoryLimitMb: number };
let spare: Promise<PreparedIsolate | null> | null = null;

async function prepareIsolate(memoryLimitMb: number): Promise<PreparedIsolate> {
  tfjsCode ??= readTfjsBundle();
  const isolate = new ivm.Isolate({ memoryLimit: memoryLimitMb });
  try {
    const context = await isolate.createContext();
    // tfjs looks for a global object under the names browsers and Node give it.
    await context.eval("globalThis.self = globalThis; globalThis.global = globalThis;");
    await (await compileCached(isolate, "tfjs", tfjsCode, "tf.es2017.min.js")).run(context, { timeout: SETUP_LIMIT_MS });
    await context.eval(PLATFORM, { timeout: SETUP_LIMIT_MS });
    return { isolate, context, memoryLimitMb };
  } catch (error) {
    if (!isolate.isDisposed) isolate.dispose();
    throw error;
  }
}

/** Starts preparing the next submission's isolate, unless one is ready or on its way. */
function prepareSpare(memoryLimitMb: number): void {
  spare ??= prepareIsolate(memoryLimitMb).catch(() => null);
}

/** The prepared spare if it fits (else a new one): it is no longer the spare, whatever happens next. */
async function takeIsolate(memoryLimitMb: number): Promise<PreparedIsolate> {
  const taken = await spare;
  spare = null;
  if (taken && taken.memoryLimitMb === memoryLimitMb && !taken.isolate.isDisposed) return taken;
  if (taken && !taken.isolate.isDisposed) taken.isolate.dispose();
  return prepareIsolate(memoryLimitMb);
}

/**
 * Fills V8's code cache for tfjs and prepares the first submission's isolate (a grading process calls this when it
 * starts, with the memory limit its submissions will have).
 */
export async function warmIsolate(memoryLimitMb = DEFAULT_MEMORY_LIMIT_MB): Promise<void> {
  prepareSpare(memoryLimitMb);
  if (!(await spare)) {
    spare = null;
    throw new Error("tfjs could not be loaded into an isolate");
  }
}

const isMemoryError = (message: string) => /memory limit|Array buffer allocation failed|allocation failed|out of memory/i.test(message);

/** Grades one submission against the exercise's visible and hidden tests. Throws only SandboxSetupError. */
export async function gradeInIsolate(request: SandboxRequest, events: SandboxEvents = {}): Promise<Results> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const memoryLimitMb = request.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB;
  const loadLimitMs = request.loadLimitMs ?? LOAD_LIMIT_MS;
  const budgetMs = request.budgetMs ?? DEFAULT_BUDGET_MS;

  let bundle;
  try {
    bundle = await sandboxBundle(request.exerciseId);
  } catch (error) {
    throw new SandboxSetupError(`The tests of "${request.exerciseId}" could not be built: ${String(error)}`, { cause: error });
  }

  let prepared: PreparedIsolate;
  try {
    prepared = await takeIsolate(memoryLimitMb);
  } catch (error) {
    throw new SandboxSetupError(`The sandbox could not be prepared for "${request.exerciseId}": ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const { isolate, context } = prepared;
  try {
    // Setup: nothing of the learner's has run yet, so a failure here is ours.
    let plan: PlannedTest[];
    let grade: ivm.Reference<(source: string, exportsJson: string, report: unknown) => Promise<string>>;
    try {
      await (await compileCached(isolate, bundle.key, bundle.code, `sandbox-${request.exerciseId}.js`)).run(context, { timeout: SETUP_LIMIT_MS });
      // Taking the plan also starts recording tfjs's tensors (the test API's provenance), before any learner code.
      plan = JSON.parse((await context.eval("__latentPlan()", { timeout: SETUP_LIMIT_MS })) as string) as PlannedTest[];
      grade = (await context.global.get("__latentGrade", { reference: true })) as typeof grade;
      await context.eval("delete globalThis.__latentGrade; delete globalThis.__latentPlan;", { timeout: SETUP_LIMIT_MS });
      await context.eval(FREEZE, { timeout: SETUP_LIMIT_MS });
    } catch (error) {
      throw new SandboxSetupError(`The sandbox could not be prepared for "${request.exerciseId}": ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
    events.onPlan?.(plan);
    return await runLearnerCode(isolate, grade, plan, request, { loadLimitMs, budgetMs, memoryLimitMb, elapsed }, events);
  } finally {
    if (!isolate.isDisposed) isolate.dispose();
    // The next submission's isolate, prepared once this one's answer is on its way.
    setImmediate(() => prepareSpare(memoryLimitMb));
  }
}

// After a test ends the runner needs a few milliseconds to report it and start the next one (or to answer). Code that
// keeps the isolate busy past this — a promise chain that re-queues itself forever, say — is stopped here, not at
// the end of the whole budget.
export const BETWEEN_TESTS_MS = 2_000;

const INTERFERED =
  "Your code interfered with the test runner during this test (it broke what the tests rely on), so grading stopped here. Remove those changes and submit again.";

async function runLearnerCode(
  isolate: ivm.Isolate,
  grade: ivm.Reference<(source: string, exportsJson: string, report: unknown) => Promise<string>>,
  plan: PlannedTest[],
  request: SandboxRequest,
  limits: { loadLimitMs: number; budgetMs: number; memoryLimitMb: number; elapsed: () => number },
  events: SandboxEvents,
): Promise<Results> {
  const { elapsed } = limits;
  const finished: Array<TestResult | undefined> = [];
  // Where the run is: loading the module, inside test `runningIndex`, or between tests (before test `nextIndex`).
  const at: { phase: "load" | "test" | "between"; runningIndex: number; nextIndex: number; runningSince: number } = {
    phase: "load",
    runningIndex: -1,
    nextIndex: 0,
    runningSince: 0,
  };
  let stopReason: string | null = null;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  const learnerStarted = performance.now();
  const deadline = learnerStarted + limits.loadLimitMs + limits.budgetMs;

  // Stops the isolate after `ms`, or at the run's overall deadline if that comes first. Always armed: from the
  // first line of the learner's module to the runner's answer, some limit is running.
  const arm = (ms: number, reason: string) => {
    clearTimeout(watchdog);
    const untilDeadline = deadline - performance.now();
    const budgetFirst = untilDeadline < ms;
    watchdog = setTimeout(
      () => {
        stopReason = budgetFirst
          ? `Your submission used up its ${limits.budgetMs / 1000} s for all the tests together, so it was stopped here. Look for slow loops over tensor values.`
          : reason;
        if (!isolate.isDisposed) isolate.dispose();
      },
      Math.max(0, Math.min(ms, untilDeadline)),
    );
  };
  const armBetween = () =>
    arm(
      BETWEEN_TESTS_MS,
      at.nextIndex === 0
        ? "Your code kept running after your module loaded (a loop, or a chain of promises that never ends), so the tests could not start."
        : "Your code kept running after the previous test ended (a loop, or a chain of promises that never ends), so this test could not start.",
    );

  // The runner's progress. It comes from the learner's heap, so it is checked like any other input.
  const report = new ivm.Reference((kind: unknown, payload: unknown) => {
    if (typeof payload !== "string" || payload.length > MAX_REPORT_CHARS) return;
    if (kind === "plan") {
      if (at.phase !== "load") return;
      at.phase = "between";
      armBetween();
    } else if (kind === "start") {
      const index = Number(payload);
      const test = plan[index];
      if (at.phase !== "between" || !Number.isInteger(index) || !test || index !== at.nextIndex) return;
      at.phase = "test";
      at.runningIndex = index;
      at.runningSince = performance.now();
      events.onTestStart?.(index);
      arm(test.timeoutMs + GRACE_MS, `Did not finish within ${test.timeoutMs / 1000} s, so it was stopped. Look for a loop that never ends or a very large tensor.`);
    } else if (kind === "end") {
      let parsed: { index?: unknown; result?: unknown };
      try {
        parsed = JSON.parse(payload) as typeof parsed;
      } catch {
        return;
      }
      const index = parsed.index;
      if (at.phase !== "test" || typeof index !== "number" || index !== at.runningIndex) return;
      const result = acceptTest(parsed.result, plan[index]!);
      if (!result) return;
      finished[index] = result;
      at.phase = "between";
      at.nextIndex = index + 1;
      events.onTestEnd?.(index, result);
      armBetween();
    }
  });

  const run = () => ({ backend: "cpu", durationMs: elapsed() });
  // Stopped (or broken) at the current point: finished tests keep their verdicts, the one at fault gets `status`.
  const stoppedHere = (status: "timeout" | "error", reason: string): Results => {
    if (at.phase === "load") return errorResults(plan, { ...run(), message: reason });
    const index = at.phase === "test" ? at.runningIndex : at.nextIndex;
    const runningMs = at.phase === "test" ? performance.now() - at.runningSince : 0;
    return stoppedResults(plan, finished, { ...run(), runningIndex: index, runningMs, status, reason });
  };

  arm(limits.loadLimitMs, `Your module did not finish loading within ${limits.loadLimitMs / 1000} s. Look for a loop at the top level of your file that never ends.`);
  try {
    const json = await grade.apply(undefined, [request.source, JSON.stringify(request.exports), report], { result: { promise: true, copy: true } });
    clearTimeout(watchdog);
    let raw: unknown = null;
    if (typeof json === "string" && json.length <= MAX_REPORT_CHARS) {
      try {
        raw = JSON.parse(json);
      } catch {
        raw = null;
      }
    }
    // Once a test has run, a suite-level message could carry what the learner's code saw in it: not repeated.
    const reportedError = typeof raw === "object" && raw !== null && (raw as { status?: unknown }).status === "error";
    if (reportedError && at.runningIndex >= 0) return stoppedHere("error", INTERFERED);
    return acceptResults(raw, plan, run());
  } catch (error) {
    clearTimeout(watchdog);
    const message = error instanceof Error ? error.message : String(error);
    if (stopReason !== null) {
      // Every test had reported its verdict: what kept the isolate busy afterwards changes none of them.
      if (at.phase === "between" && at.nextIndex >= plan.length) return stoppedResults(plan, finished, { ...run(), runningIndex: plan.length, runningMs: 0, status: "timeout", reason: stopReason });
      return stoppedHere("timeout", stopReason);
    }
    if (isMemoryError(message)) {
      const advice = "Look for a tensor far larger than the inputs, or values kept in a growing array.";
      if (at.phase === "load") return errorResults(plan, { ...run(), message: `Your module used more than ${limits.memoryLimitMb} MB of memory while loading. ${advice}` });
      return stoppedHere("error", `Used more than ${limits.memoryLimitMb} MB of memory, so it was stopped. ${advice}`);
    }
    // What the isolate threw is the learner's doing; after the module loaded it is not shown (it could carry inputs).
    if (at.phase === "load") return errorResults(plan, { ...run(), message: capMessage(`The sandbox stopped your code: ${message}`) });
    return stoppedHere("error", INTERFERED);
  } finally {
    report.release();
  }
}
