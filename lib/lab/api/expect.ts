// The checks a lab test makes, bound to the injected tf. Each failure says what was expected, what came back,
// where they first differ, both shapes and the tolerance used, so a learner can act on it; a test may add a hint.
// Values are read with dataSync(): it works on every backend (webgpu warns once that it is slow) and keeps the
// checks synchronous, so a forgotten `await` can never turn a failing check into a passing test.
import { LabAssertionError } from "./errors";
import { formatIndex, formatNumber, formatShape, formatValue, previewValues, type Flat } from "./format";
import { describeTolerance, isClose, resolveTolerance, type Tolerance } from "./tolerance";
import type { Tensor, Tf } from "./tf";

/** A plain expected value: a number, a boolean, or (nested) arrays of them. */
export type Plain = number | boolean | readonly Plain[];

/** One hint for every kind of failure, or one per kind. */
export type Hint = string | { type?: string; shape?: string; values?: string; nan?: string; leak?: string; dtype?: string };

export type CheckOptions = { label?: string; hint?: Hint };
export type CloseOptions = CheckOptions & { tol?: number; rtol?: number; atol?: number };

export type Expectations = {
  /** The value must be a live tf.Tensor (not a number, an array, a Promise, undefined or a disposed tensor). */
  expectTensor(value: unknown, options?: CheckOptions): Tensor;
  /** The value must be a JavaScript number (not a tensor, not a Promise). */
  expectNumber(value: unknown, options?: CheckOptions): number;
  expectShape(value: unknown, shape: readonly number[], options?: CheckOptions): Tensor;
  /** Same shape and every value within tolerance (default from the backend's float precision). */
  expectClose(actual: unknown, expected: Tensor | Plain, options?: CloseOptions): void;
  /** A tensor of shape [] (optionally close to `expected`); returns its value. */
  expectScalar(value: unknown, expected?: number, options?: CloseOptions): number;
  /** Same shape and exactly the same values; `dtype` also checks the tensor's dtype (e.g. "bool"). */
  expectEqual(actual: unknown, expected: Tensor | Plain, options?: CheckOptions & { dtype?: string }): void;
  /** Runs fn and checks it left no tensor behind other than what it returns (sync or async). */
  expectNoLeak<T>(fn: () => T, options?: CheckOptions): T;
  /** fn must throw; `matches` checks the message. Returns the error. */
  expectThrows(fn: () => unknown, options?: CheckOptions & { matches?: RegExp | string }): Error;
  expectTrue(condition: boolean, message: string): void;
  fail(message: string): never;
};

export function createExpectations(tf: Tf): Expectations {
  const precision = () => {
    try {
      return tf.backend().floatPrecision();
    } catch {
      return 32;
    }
  };

  function isTensor(value: unknown): value is Tensor {
    if (value instanceof tf.Tensor) return true;
    // Duck-typed as well: a bundle may carry a second copy of the Tensor class.
    return (
      typeof value === "object" &&
      value !== null &&
      Array.isArray((value as Tensor).shape) &&
      typeof (value as Tensor).dataSync === "function" &&
      typeof (value as Tensor).dtype === "string"
    );
  }

  function expectTensor(value: unknown, options: CheckOptions = {}): Tensor {
    const label = options.label ?? "the result";
    if (isTensor(value)) {
      if (value.isDisposed) {
        fail(options, "type", `${label} is a tensor that was already disposed`, [
          "Return the result from tf.tidy(() => …) (tidy keeps it) and dispose only intermediate tensors.",
        ]);
      }
      return value;
    }
    fail(options, "type", `${label} should be a tf.Tensor but is ${describeValue(value)}`, [advice(value, "tensor")]);
  }

  function expectNumber(value: unknown, options: CheckOptions = {}): number {
    const label = options.label ?? "the result";
    if (typeof value === "number") return value;
    fail(options, "type", `${label} should be a number but is ${describeValue(value)}`, [advice(value, "number")]);
  }

  function expectShape(value: unknown, shape: readonly number[], options: CheckOptions = {}): Tensor {
    const tensor = expectTensor(value, options);
    if (!sameShape(tensor.shape, shape)) {
      fail(options, "shape", `${options.label ?? "the result"}: expected shape ${formatShape(shape)} but got ${formatShape(tensor.shape)}`);
    }
    return tensor;
  }

  function expectClose(actual: unknown, expected: Tensor | Plain, options: CloseOptions = {}): void {
    const tolerance = resolveTolerance(precision(), options);
    compare(actual, expected, options, tolerance);
  }

  function expectScalar(value: unknown, expected?: number, options: CloseOptions = {}): number {
    const tensor = expectTensor(value, options);
    if (tensor.shape.length !== 0) {
      fail(options, "shape", `${options.label ?? "the result"}: expected a scalar (shape []) but got shape ${formatShape(tensor.shape)}`);
    }
    if (expected !== undefined) expectClose(tensor, expected, options);
    return readFlat(tensor).values[0] ?? NaN;
  }

  function expectEqual(actual: unknown, expected: Tensor | Plain, options: CheckOptions & { dtype?: string } = {}): void {
    if (options.dtype !== undefined) {
      const tensor = expectTensor(actual, options);
      if (tensor.dtype !== options.dtype) {
        fail(options, "dtype", `${options.label ?? "the result"}: expected dtype ${options.dtype} but got ${tensor.dtype}`);
      }
    }
    compare(actual, expected, options, { rtol: 0, atol: 0, precision: precision() });
  }

  function compare(actual: unknown, expected: Tensor | Plain, options: CheckOptions, tolerance: Tolerance): void {
    const label = options.label ?? "the result";
    const actualFlat = toFlat(actual, options);
    const expectedFlat = isTensor(expected) ? readFlat(expected) : flattenPlain(expected);
    const asBool = (isTensor(actual) && actual.dtype === "bool") || (isTensor(expected) ? expected.dtype === "bool" : hasBoolean(expected));
    if (!sameShape(actualFlat.shape, expectedFlat.shape)) {
      fail(options, "shape", `${label}: expected shape ${formatShape(expectedFlat.shape)} but got ${formatShape(actualFlat.shape)}`, [
        `expected: ${previewValues(expectedFlat, { asBool })}`,
        `actual:   ${previewValues(actualFlat, { asBool })}`,
      ]);
    }
    const differing: number[] = [];
    actualFlat.values.forEach((value, i) => {
      if (!isClose(value, expectedFlat.values[i] ?? NaN, tolerance)) differing.push(i);
    });
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

  function toFlat(value: unknown, options: CheckOptions): Flat {
    if (typeof value === "number" || typeof value === "boolean") return { values: [Number(value)], shape: [] };
    if (Array.isArray(value)) return flattenPlain(value as Plain);
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const values = Array.from(value as unknown as ArrayLike<number>, Number);
      return { values, shape: [values.length] };
    }
    return readFlat(expectTensor(value, options));
  }

  function readFlat(tensor: Tensor): Flat {
    if (tensor.dtype === "string") throw new LabAssertionError("Cannot compare a string tensor with numbers.");
    return { values: Array.from(tensor.dataSync() as ArrayLike<number>, Number), shape: [...tensor.shape] };
  }

  function expectNoLeak<T>(fn: () => T, options: CheckOptions = {}): T {
    const before = tf.memory().numTensors;
    const probe = tf.scalar(0);
    const firstNewId = probe.id + 1;
    probe.dispose();
    const check = (result: T): T => {
      const after = tf.memory().numTensors;
      const returned = countNewTensors(result, firstNewId);
      const leaked = after - before - returned;
      const label = options.label ?? "the call";
      if (leaked > 0) {
        fail(options, "leak", `${label} leaked ${leaked} tensor${leaked === 1 ? "" : "s"}`, [
          `tf.memory().numTensors was ${before} before and ${after} after; ${returned} of the new tensors ${returned === 1 ? "is" : "are"} returned.`,
          "Wrap the computation in tf.tidy(() => …), or dispose() every intermediate tensor you create.",
        ]);
      }
      if (leaked < 0) {
        fail(options, "leak", `${label} disposed ${-leaked} tensor${leaked === -1 ? "" : "s"} it did not create`, [
          `tf.memory().numTensors was ${before} before and ${after} after.`,
          "Don't dispose the inputs: they belong to the caller.",
        ]);
      }
      return result;
    };
    const result = fn();
    if (isThenable(result)) return result.then((value) => check(value as T)) as T;
    return check(result);
  }

  function countNewTensors(value: unknown, firstNewId: number, seen = new Set<number>(), depth = 0): number {
    if (depth > 4 || value === null || typeof value !== "object") return 0;
    if (isTensor(value)) {
      if (value.isDisposed || value.id < firstNewId || seen.has(value.id)) return 0;
      seen.add(value.id);
      return 1;
    }
    const children = Array.isArray(value) ? value : Object.values(value);
    return children.reduce<number>((total, child) => total + countNewTensors(child, firstNewId, seen, depth + 1), 0);
  }

  function expectThrows(fn: () => unknown, options: CheckOptions & { matches?: RegExp | string } = {}): Error {
    const label = options.label ?? "the call";
    let result: unknown;
    try {
      result = fn();
    } catch (error) {
      const thrown = error instanceof Error ? error : new Error(String(error));
      const { matches } = options;
      const ok =
        matches === undefined ||
        (typeof matches === "string" ? thrown.message.toLowerCase().includes(matches.toLowerCase()) : matches.test(thrown.message));
      if (!ok) {
        fail(options, "values", `${label} threw "${thrown.message}", but the message should mention ${String(matches)}`);
      }
      return thrown;
    }
    if (isThenable(result)) result.then(undefined, () => undefined);
    fail(options, "values", `${label} should throw an error but returned ${describeValue(result)}`);
  }

  function expectTrue(condition: boolean, message: string): void {
    if (!condition) throw new LabAssertionError(message);
  }

  function fail(options: CheckOptions | string, kind?: keyof Exclude<Hint, string>, headline?: string, details: string[] = []): never {
    if (typeof options === "string") throw new LabAssertionError(options);
    const hint = typeof options.hint === "string" ? options.hint : kind === undefined ? undefined : options.hint?.[kind];
    const first = hint ? `${headline} — ${hint}` : (headline ?? "check failed");
    throw new LabAssertionError([first, ...details.map((line) => `  ${line}`)].join("\n"));
  }

  function describeValue(value: unknown): string {
    if (value === undefined) return "undefined";
    if (value === null) return "null";
    if (typeof value === "number") return `the number ${formatNumber(value)}`;
    if (typeof value === "boolean") return `the boolean ${value}`;
    if (typeof value === "string") return `the string ${JSON.stringify(value.slice(0, 40))}`;
    if (typeof value === "function") return "a function";
    if (isThenable(value)) return "a Promise";
    if (isTensor(value)) return `a tf.Tensor of shape ${formatShape(value.shape)}`;
    if (Array.isArray(value)) return `a JavaScript array of length ${value.length}`;
    if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
    return "an object";
  }

  function advice(value: unknown, wanted: "tensor" | "number"): string {
    if (isThenable(value)) {
      value.then(undefined, () => undefined); // its rejection is reported here, not as an unhandled one
      return wanted === "tensor"
        ? "Don't make the function async or await .data(): keep the computation in tensors and return the tensor."
        : "The test awaits it already; make sure the Promise resolves to a number.";
    }
    if (value === undefined) return "Is a `return` missing?";
    if (wanted === "tensor") {
      if (typeof value === "number") return "Keep the result as a tensor: don't read it with .dataSync(), .arraySync() or .data().";
      if (Array.isArray(value) || ArrayBuffer.isView(value)) return "Build the result with tf ops (or wrap it with tf.tensor(…)).";
      return "Return a tf.Tensor.";
    }
    if (isTensor(value)) return "Read the value with (await t.data())[0] or t.dataSync()[0], then dispose the tensor.";
    return "Return a number.";
  }

  return {
    expectTensor,
    expectNumber,
    expectShape,
    expectClose,
    expectScalar,
    expectEqual,
    expectNoLeak,
    expectThrows,
    expectTrue,
    fail: (message: string) => fail(message),
  };
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as PromiseLike<unknown>).then === "function"
  );
}

function hasBoolean(value: Plain): boolean {
  return typeof value === "boolean" || (Array.isArray(value) && (value as readonly Plain[]).some(hasBoolean));
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}

/** Nested arrays → row-major values and shape; ragged arrays are a mistake in the test, not the solution. */
export function flattenPlain(value: Plain): Flat {
  if (!Array.isArray(value)) return { values: [Number(value)], shape: [] };
  const items = value as readonly Plain[];
  if (items.length === 0) return { values: [], shape: [0] };
  const children = items.map(flattenPlain);
  const innerShape = children[0]?.shape ?? [];
  for (const child of children) {
    if (!sameShape(child.shape, innerShape)) throw new Error(`Ragged expected value: ${JSON.stringify(value)}`);
  }
  return { values: children.flatMap((child) => child.values), shape: [items.length, ...innerShape] };
}
