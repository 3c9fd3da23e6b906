// The checks a lab test makes, bound to the injected tf. Each failure says what was expected, what came back,
// where they first differ, both shapes and the tolerance used, so a learner can act on it; a test may add a hint.
//
// A check believes nothing the learner's value says about itself: a tensor must be one the grader's tfjs made
// (provenance.ts), its shape and dtype are the ones tfjs recorded, and its values are read once from tfjs's engine —
// never through the object's own methods — and must number exactly what its shape says. Expected values are plain
// numbers the test computed (never a tensor, which learner code can reach). Reads are synchronous (the engine's
// readSync, as dataSync does): a forgotten `await` can never turn a failing check into a passing test.
import { LabAssertionError } from "./errors";
import { formatIndex, formatNumber, formatShape, formatValue, previewValues, type Flat } from "./format";
import { tensorProvenance, TensorRefused, type Refusal } from "./provenance";
import { createGradientCheck, type GradientCheck } from "./gradient";
import { createSnapshotInputs, type SnapshotInputs } from "./untouched";
import { describeTolerance, isClose, resolveTolerance, type Tolerance } from "./tolerance";
import type { Tensor, Tf } from "./tf";

/** A plain expected value: a number, a boolean, or (nested) arrays of them. */
export type Plain = number | boolean | readonly Plain[];

/** One hint for every kind of failure, or one per kind. */
export type Hint = string | { type?: string; shape?: string; values?: string; nan?: string; leak?: string; dtype?: string; gradient?: string };

export type CheckOptions = { label?: string; hint?: Hint };
export type CloseOptions = CheckOptions & { tol?: number; rtol?: number; atol?: number };

export type Expectations = {
  /** The value must be a live tensor made by tf (not a number, an array, a Promise, a look-alike or a disposed tensor). */
  expectTensor(value: unknown, options?: CheckOptions): Tensor;
  /** The value must be a finite JavaScript number (not NaN or ±Infinity, not a tensor, not a Promise). */
  expectNumber(value: unknown, options?: CheckOptions): number;
  /** The value must be a JavaScript array (optionally of `length` items); returns a copy of its items, read once. */
  expectArray(value: unknown, options?: CheckOptions & { length?: number }): unknown[];
  expectShape(value: unknown, shape: readonly number[], options?: CheckOptions): Tensor;
  /** A genuine tensor's values (row-major) and shape, read from tf's engine: for tests that compute with them. */
  readValues(value: unknown, options?: CheckOptions): { values: number[]; shape: number[] };
  /** Same shape and every value within tolerance (default from the backend's float precision). */
  expectClose(actual: unknown, expected: Plain, options?: CloseOptions): void;
  /** A tensor of shape [] (optionally close to `expected`); returns its value. */
  expectScalar(value: unknown, expected?: number, options?: CloseOptions): number;
  /** Same shape and exactly the same values; `dtype` also checks the tensor's dtype (e.g. "bool"). */
  expectEqual(actual: unknown, expected: Plain, options?: CheckOptions & { dtype?: string }): void;
  /** Runs fn and checks it left no tensor behind other than what it returns (sync or async). */
  expectNoLeak<T>(fn: () => T, options?: CheckOptions): T;
  /** fn must throw; `matches` checks the message. Returns the error. */
  expectThrows(fn: () => unknown, options?: CheckOptions & { matches?: RegExp | string }): Error;
  expectTrue(condition: boolean, message: string): void;
  fail(message: string): never;
  /**
   * The gradient of f(...wrt) — of the sum of its outputs if it is not a scalar — with respect to each of `wrt`,
   * taken by tfjs's own tape, must be close to `expected` (one plain value per entry, computed by the test in plain
   * JavaScript). `wrt` holds tensors (as tf.grads) or variables (as tf.variableGrads; f may ignore its arguments and
   * read the variables through a model). Fails when the result carries no gradient (computed outside tf), when the
   * backward pass cannot run (an op with no gradient, such as tf.greater, on the path) or when a value differs;
   * `names` says what each of `wrt` is in messages. Returns the gradients' values, row-major.
   */
  expectGradientClose: GradientCheck;
  /**
   * Copies the inputs (tensors' values from tf's engine, arrays' items) before the learner's call; the returned
   * snapshot's expectUnchanged() fails, naming the input, if the call changed or disposed one.
   */
  snapshotInputs: SnapshotInputs;
};

// Captured before any learner code runs (this module is evaluated with the runner).
const { getPrototypeOf, getOwnPropertyDescriptor, ownKeys } = Reflect;
const { isArray } = Array;
const { isFinite: isFiniteNumber } = Number;
const ArrayProto = Array.prototype;
/** Far beyond any test's input: a longer "array" is a Proxy stalling the test, not a result. */
const MAX_ARRAY_ITEMS = 100_000;
const ObjectProto = Object.prototype;

const FORGED_ADVICE =
  "Return the tensor tf gives you: compute the result with tf ops (or tf.tensor(…)) and return that tensor itself — not an object of your own, a Proxy, a subclass or a tensor you changed.";

export function createExpectations(tf: Tf): Expectations {
  const provenance = tensorProvenance(tf);

  function refuse(options: CheckOptions, value: unknown, refusal: Refusal): never {
    const label = options.label ?? "the result";
    switch (refusal.kind) {
      case "not-tensor":
        return fail(options, "type", `${label} should be a tf.Tensor but is ${describeValue(value)}`, [advice(value, "tensor")]);
      case "forged":
        return fail(options, "type", `${label} is an object that looks like a tensor but was not made by tf`, [FORGED_ADVICE]);
      case "class-changed":
        return fail(options, "type", `${label} is a tensor whose class was changed after tf made it`, [FORGED_ADVICE]);
      case "disposed":
        return fail(options, "type", `${label} is a tensor that was already disposed`, [
          "Return the result from tf.tidy(() => …) (tidy keeps it) and dispose only intermediate tensors.",
        ]);
      case "size-mismatch":
        return fail(options, "shape", `${label} is a tensor whose shape ${formatShape(refusal.shape)} does not match its data (${refusal.values} values)`, [
          "Don't change a tensor's shape or data by hand: use tf.reshape(…).",
        ]);
      case "unreadable":
        return refusal.dtype
          ? fail(options, "dtype", `${label} is a ${refusal.dtype} tensor, but numbers are expected`)
          : fail(options, "values", `${label}: its values could not be read from tf`, ["Don't change tf's engine or backend: compute with tf ops."]);
    }
  }

  function expectTensor(value: unknown, options: CheckOptions = {}): Tensor {
    const inspected = provenance.inspect(value);
    if ("refusal" in inspected) refuse(options, value, inspected.refusal);
    return value as Tensor;
  }

  function expectNumber(value: unknown, options: CheckOptions = {}): number {
    const label = options.label ?? "the result";
    if (typeof value === "number" && isFiniteNumber(value)) return value;
    if (typeof value === "number") {
      return fail(options, "type", `${label} should be a finite number but is ${formatNumber(value)}`, [
        "Look for a division by zero, the log of 0 or a square root of a negative number.",
      ]);
    }
    return fail(options, "type", `${label} should be a number but is ${describeValue(value)}`, [advice(value, "number")]);
  }

  function expectArray(value: unknown, options: CheckOptions & { length?: number } = {}): unknown[] {
    const label = options.label ?? "the result";
    if (!isArray(value)) return fail(options, "type", `${label} should be an array but is ${describeValue(value)}`, [advice(value, "array")]);
    const length: unknown = value.length;
    if (typeof length !== "number" || !Number.isInteger(length) || length < 0 || length > MAX_ARRAY_ITEMS) {
      return fail(options, "type", `${label} should be a plain array, but its length is not a count of items`, ["Return a plain JavaScript array."]);
    }
    const items: unknown[] = [];
    for (let i = 0; i < length; i++) items[i] = value[i];
    if (options.length !== undefined && length !== options.length) {
      fail(options, "shape", `${label}: expected an array of ${options.length} but got ${length}`);
    }
    return items;
  }

  function expectShape(value: unknown, shape: readonly number[], options: CheckOptions = {}): Tensor {
    const tensor = expectTensor(value, options);
    const actual = factsOf(tensor).shape;
    if (!sameShape(actual, shape)) {
      fail(options, "shape", `${options.label ?? "the result"}: expected shape ${formatShape(shape)} but got ${formatShape(actual)}`);
    }
    return tensor;
  }

  function readValues(value: unknown, options: CheckOptions = {}): { values: number[]; shape: number[] } {
    const { values, shape } = readFlat(expectTensor(value, options), options);
    return { values, shape };
  }

  function expectClose(actual: unknown, expected: Plain, options: CloseOptions = {}): void {
    compare(actual, expected, options, resolveTolerance(provenance.precision, options));
  }

  function expectScalar(value: unknown, expected?: number, options: CloseOptions = {}): number {
    const tensor = expectTensor(value, options);
    const shape = factsOf(tensor).shape;
    if (shape.length !== 0) {
      fail(options, "shape", `${options.label ?? "the result"}: expected a scalar (shape []) but got shape ${formatShape(shape)}`);
    }
    const flat = readFlat(tensor, options);
    if (expected !== undefined) compareFlat(flat, false, expected, options, resolveTolerance(provenance.precision, options));
    return flat.values[0] ?? NaN;
  }

  function expectEqual(actual: unknown, expected: Plain, options: CheckOptions & { dtype?: string } = {}): void {
    if (options.dtype !== undefined) {
      const dtype = factsOf(expectTensor(actual, options)).dtype;
      if (dtype !== options.dtype) fail(options, "dtype", `${options.label ?? "the result"}: expected dtype ${options.dtype} but got ${dtype}`);
    }
    compare(actual, expected, options, { rtol: 0, atol: 0, precision: provenance.precision });
  }

  function factsOf(tensor: Tensor) {
    const inspected = provenance.inspect(tensor);
    if ("refusal" in inspected) return refuse({}, tensor, inspected.refusal);
    return inspected.facts;
  }

  function compare(actual: unknown, expected: Plain, options: CheckOptions, tolerance: Tolerance): void {
    const actualFlat = toFlat(actual, options);
    const asBool = typeof actual === "boolean" || actualFlat.dtype === "bool";
    compareFlat(actualFlat, asBool, expected, options, tolerance);
  }

  function compareFlat(actualFlat: Flat, actualBool: boolean, expected: Plain, options: CheckOptions, tolerance: Tolerance): void {
    const label = options.label ?? "the result";
    const expectedFlat = flattenExpected(expected);
    const asBool = actualBool || hasBoolean(expected);
    if (!sameShape(actualFlat.shape, expectedFlat.shape)) {
      fail(options, "shape", `${label}: expected shape ${formatShape(expectedFlat.shape)} but got ${formatShape(actualFlat.shape)}`, [
        `expected: ${previewValues(expectedFlat, { asBool })}`,
        `actual:   ${previewValues(actualFlat, { asBool })}`,
      ]);
    }
    // Same shape, and a genuine tensor holds exactly as many values as its shape says; a plain expected value too.
    const differing: number[] = [];
    for (let i = 0; i < expectedFlat.values.length; i++) {
      if (!isClose(actualFlat.values[i] ?? NaN, expectedFlat.values[i] ?? NaN, tolerance)) differing.push(i);
    }
    const first = differing[0];
    if (first === undefined) return;
    const got = actualFlat.values[first] ?? NaN;
    const want = expectedFlat.values[first] ?? NaN;
    const where = actualFlat.shape.length === 0 ? "" : ` at index ${formatIndex(first, actualFlat.shape)}`;
    const kind = Number.isNaN(got) && !Number.isNaN(want) ? "nan" : "values";
    const headline =
      kind === "nan"
        ? `${label}: got NaN${where} where ${formatNumber(want)} was expected`
        : `${label}: expected ${formatValue(want, asBool)} but got ${formatValue(got, asBool)}${where}`;
    const details = [
      `expected: ${previewValues(expectedFlat, { around: first, asBool })}`,
      `actual:   ${previewValues(actualFlat, { around: first, asBool })}`,
    ];
    if (actualFlat.values.length > 1) details.push(`${differing.length} of ${actualFlat.values.length} values differ; shape ${formatShape(actualFlat.shape)}.`);
    details.push(tolerance.atol === 0 && tolerance.rtol === 0 ? "Compared exactly." : `Tolerance: ${describeTolerance(tolerance)}.`);
    fail(options, kind, headline, details);
  }

  /** What is checked: a number the test already accepted (expectNumber), or a genuine tensor. */
  function toFlat(value: unknown, options: CheckOptions): Flat & { dtype?: string } {
    if (typeof value === "number" || typeof value === "boolean") return { values: [Number(value)], shape: [] };
    return readFlat(expectTensor(value, options), options);
  }

  function readFlat(tensor: Tensor, options: CheckOptions): Flat & { dtype: string } {
    try {
      return provenance.read(tensor);
    } catch (error) {
      if (error instanceof TensorRefused) refuse(options, tensor, error.refusal);
      throw error;
    }
  }

  // Expected values come from the test, computed in plain JavaScript: a tensor here is a mistake in the test (learner
  // code can reach tensors, and write into them), so it is refused outright, not compared.
  function flattenExpected(expected: Plain): Flat {
    if (typeof expected === "object" && expected !== null && !isArray(expected)) {
      throw new Error("A lab test's expected value must be plain numbers (a number, a boolean or nested arrays), computed by the test — never a tensor.");
    }
    return flattenPlain(expected);
  }

  function expectNoLeak<T>(fn: () => T, options: CheckOptions = {}): T {
    const mark = provenance.mark();
    const check = (result: T): T => {
      const { created, survivors } = provenance.since(mark);
      const returned = countReturned(result, new Set<object>(created), new Set<object>(), 0);
      const leaked = created.length - returned;
      const label = options.label ?? "the call";
      if (leaked > 0) {
        fail(options, "leak", `${label} leaked ${leaked} tensor${leaked === 1 ? "" : "s"}`, [
          `${created.length} tensor${created.length === 1 ? " it made is" : "s it made are"} still allocated; ${returned} of them ${returned === 1 ? "is" : "are"} returned.`,
          "Wrap the computation in tf.tidy(() => …), or dispose() every intermediate tensor you create.",
        ]);
      }
      const disposed = mark.live - survivors;
      if (disposed > 0) {
        fail(options, "leak", `${label} disposed ${disposed} tensor${disposed === 1 ? "" : "s"} it did not create`, [
          "Don't dispose the inputs: they belong to the caller.",
        ]);
      }
      return result;
    };
    const result = fn();
    if (isThenable(result)) return Promise.resolve(result).then((value) => check(value as T)) as T;
    return check(result);
  }

  // The tensors a result holds: itself, or inside plain arrays and objects (own data properties only, so a getter
  // cannot claim a tensor it does not hold). Each counts once, and only if it was made during the call.
  function countReturned(value: unknown, created: Set<object>, seen: Set<object>, depth: number): number {
    if (depth > 4 || typeof value !== "object" || value === null || seen.has(value)) return 0;
    seen.add(value);
    if (provenance.isGenuine(value)) return created.has(value) ? 1 : 0;
    try {
      const proto = getPrototypeOf(value);
      if (!(isArray(value) ? proto === ArrayProto : proto === ObjectProto || proto === null)) return 0;
      let total = 0;
      for (const key of ownKeys(value)) {
        const descriptor = getOwnPropertyDescriptor(value, key);
        if (descriptor && "value" in descriptor) total += countReturned(descriptor.value, created, seen, depth + 1);
      }
      return total;
    } catch {
      return 0;
    }
  }

  function expectThrows(fn: () => unknown, options: CheckOptions & { matches?: RegExp | string } = {}): Error {
    const label = options.label ?? "the call";
    let result: unknown;
    try {
      result = fn();
    } catch (error) {
      const message = thrownMessage(error);
      const { matches } = options;
      const ok = matches === undefined || (typeof matches === "string" ? message.toLowerCase().includes(matches.toLowerCase()) : matches.test(message));
      if (!ok) fail(options, "values", `${label} threw "${message}", but the message should mention ${String(matches)}`);
      return new Error(message);
    }
    ignoreRejection(result);
    fail(options, "values", `${label} should throw an error but returned ${describeValue(result)}`);
  }

  function expectTrue(condition: boolean, message: string): void {
    if (!condition) throw new LabAssertionError(message);
  }

  function fail(options: CheckOptions | string, kind?: keyof Exclude<Hint, string>, headline?: string, details: string[] = []): never {
    if (typeof options === "string") throw new LabAssertionError(options);
    // A one-string hint is about the math: it does not follow "this is not a tensor at all".
    const hint = typeof options.hint === "string" ? (kind === "type" ? undefined : options.hint) : kind === undefined ? undefined : options.hint?.[kind];
    const first = hint ? `${headline} — ${hint}` : (headline ?? "check failed");
    throw new LabAssertionError([first, ...details.map((line) => `  ${line}`)].join("\n"));
  }

  // The learner's value, in a few words. It may be hostile (getters that throw, a Proxy): never let that escape.
  function describeValue(value: unknown): string {
    try {
      if (value === undefined) return "undefined";
      if (value === null) return "null";
      if (typeof value === "number") return `the number ${formatNumber(value)}`;
      if (typeof value === "boolean") return `the boolean ${value}`;
      if (typeof value === "string") return `the string ${JSON.stringify(value.slice(0, 40))}`;
      if (typeof value === "function") return "a function";
      if (provenance.isGenuine(value)) {
        const inspected = provenance.inspect(value);
        return "facts" in inspected ? `a tf.Tensor of shape ${formatShape(inspected.facts.shape)}` : "a tf.Tensor";
      }
      if (isThenable(value)) return "a Promise";
      if (isArray(value)) return `a JavaScript array of length ${value.length}`;
      if (ArrayBuffer.isView(value)) return "a typed array";
      return "an object";
    } catch {
      return "an object";
    }
  }

  function advice(value: unknown, wanted: "tensor" | "number" | "array"): string {
    try {
      if (isThenable(value)) {
        ignoreRejection(value); // its rejection is reported here, not as an unhandled one
        return wanted === "tensor"
          ? "Don't make the function async or await .data(): keep the computation in tensors and return the tensor."
          : "The test awaits it already; make sure the Promise resolves to a number.";
      }
      if (value === undefined) return "Is a `return` missing?";
      if (wanted === "tensor") {
        if (typeof value === "number") return "Keep the result as a tensor: don't read it with .dataSync(), .arraySync() or .data().";
        if (isArray(value) || ArrayBuffer.isView(value)) return "Build the result with tf ops (or wrap it with tf.tensor(…)).";
        return "Return a tf.Tensor.";
      }
      if (wanted === "array") return "Return a JavaScript array.";
      if (provenance.isGenuine(value)) return "Read the value with (await t.data())[0] or t.dataSync()[0], then dispose the tensor.";
      return "Return a number.";
    } catch {
      return wanted === "array" ? "Return a JavaScript array." : wanted === "tensor" ? "Return a tf.Tensor." : "Return a number.";
    }
  }

  return {
    expectTensor,
    expectNumber,
    expectArray,
    expectShape,
    readValues,
    expectClose,
    expectScalar,
    expectEqual,
    expectNoLeak,
    expectThrows,
    expectTrue,
    fail: (message: string) => fail(message),
    snapshotInputs: createSnapshotInputs({ provenance, fail: (message: string) => fail(message) }),
    expectGradientClose: createGradientCheck({ provenance, expectTensor, expectClose, readValues, fail, thrownMessage }),
  };
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  try {
    return (
      (typeof value === "object" || typeof value === "function") &&
      value !== null &&
      typeof (value as PromiseLike<unknown>).then === "function"
    );
  } catch {
    return false;
  }
}

function ignoreRejection(value: unknown): void {
  try {
    if (isThenable(value)) Promise.resolve(value).then(undefined, () => undefined);
  } catch {
    // A thenable whose `then` throws: nothing to wait for.
  }
}

/** The text of whatever was thrown, without trusting it: a getter or toString that throws is not our problem. */
export function thrownMessage(error: unknown): string {
  try {
    if (error instanceof Error) {
      const message = getOwnPropertyDescriptor(error, "message");
      return typeof message?.value === "string" ? message.value : "";
    }
    if (typeof error === "string") return error;
    return typeof error === "number" || typeof error === "boolean" ? String(error) : "a value that is not an Error";
  } catch {
    return "a value that is not an Error";
  }
}

function hasBoolean(value: Plain): boolean {
  return typeof value === "boolean" || (isArray(value) && (value as readonly Plain[]).some(hasBoolean));
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}

/** Nested arrays → row-major values and shape; ragged arrays are a mistake in the test, not the solution. */
export function flattenPlain(value: Plain): Flat {
  if (!isArray(value)) return { values: [Number(value)], shape: [] };
  const items = value as readonly Plain[];
  if (items.length === 0) return { values: [], shape: [0] };
  const children = items.map(flattenPlain);
  const innerShape = children[0]?.shape ?? [];
  for (const child of children) {
    if (!sameShape(child.shape, innerShape)) throw new Error(`Ragged expected value: ${JSON.stringify(value)}`);
  }
  return { values: children.flatMap((child) => child.values), shape: [items.length, ...innerShape] };
}
