import type { DataType, DataTypeMap, Tensor } from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { failure, tf } from "../testing";
import { createExpectations } from "./expect";
import { isAssertionError } from "./errors";

const checks = createExpectations(tf);

describe("expectClose", () => {
  it("passes within the backend's default tolerance and fails outside it", () => {
    checks.expectClose(tf.tensor1d([1, 2.00005]), [1, 2]);
    expect(() => checks.expectClose(tf.tensor1d([1, 2.01]), [1, 2])).toThrow();
  });

  it("reports a shape mismatch the way a learner can act on it, with the test's hint", () => {
    const message = failure(() =>
      checks.expectClose(tf.scalar(0.5), [0.1, 0.4], {
        label: "klDivergence(p, q) for a [2, 3] batch",
        hint: { shape: "sum over the last axis only (axis = -1), not over every element." },
      }),
    );
    expect(message.split("\n")[0]).toBe(
      "klDivergence(p, q) for a [2, 3] batch: expected shape [2] but got [] — sum over the last axis only (axis = -1), not over every element.",
    );
    expect(message).toContain("expected: [0.1, 0.4]");
    expect(message).toContain("actual:   0.5");
  });

  it("names the first differing index, both values, the count and the tolerance", () => {
    const message = failure(() => checks.expectClose(tf.tensor2d([[1, 2], [3, 5]]), [[1, 2], [3, 4]], { label: "f(x)" }));
    expect(message).toContain("f(x): expected 4 but got 5 at index [1, 1]");
    expect(message).toContain("1 of 4 values differ; shape [2, 2].");
    expect(message).toContain("Tolerance: |actual − expected| ≤ 0.0001 + 0.0001·|expected|, float32 backend.");
  });

  it("calls out NaN with the NaN hint", () => {
    const message = failure(() => checks.expectClose(tf.tensor1d([NaN, 1]), [0, 1], { label: "kl", hint: { nan: "mask before the log" } }));
    expect(message.split("\n")[0]).toBe("kl: got NaN at index [0] where 0 was expected — mask before the log");
  });

  it("honours an explicit tolerance and accepts numbers and tensors as the actual value", () => {
    checks.expectClose(1.05, 1, { tol: 0.1 });
    checks.expectClose(tf.tensor1d([1, 2]), [1, 2]);
    expect(() => checks.expectClose(1.05, 1, { tol: 0.01 })).toThrow();
  });

  it("refuses arrays and typed arrays as the actual value: the learner's result must be a tensor", () => {
    expect(failure(() => checks.expectClose([1, 2], [1, 2], { label: "f(x)" }))).toContain("f(x) should be a tf.Tensor but is a JavaScript array of length 2");
    expect(failure(() => checks.expectClose(new Float32Array([0.5]), [0.5]))).toContain("should be a tf.Tensor but is a typed array");
  });

  it("refuses a tensor as the expected value: expected values are plain numbers the test computed", () => {
    const expected = tf.tensor1d([1, 2]) as unknown as number[];
    let thrown: unknown;
    try {
      checks.expectClose(tf.tensor1d([1, 2]), expected);
    } catch (error) {
      thrown = error;
    }
    expect(isAssertionError(thrown)).toBe(false);
    expect((thrown as Error).message).toMatch(/expected value must be plain numbers/);
  });

  it("previews a big tensor with the first difference in view", () => {
    const values = Array.from({ length: 100 }, (_, i) => i);
    const changed = values.map((v) => (v === 50 ? -1 : v));
    const message = failure(() => checks.expectClose(tf.tensor1d(changed), values));
    expect(message).toContain("at index [50]");
    expect(message).toMatch(/actual: {3}\[0, 1, 2, 3, 4, 5, …, 49, -1, 51, …, 98, 99\] \(100 values, shape \[100\], row-major\)/);
  });
});

describe("only tensors tf made", () => {
  const engine = tf.engine() as unknown as { makeTensorFromTensorInfo(info: object): Tensor };
  const label = { label: "f(x)" };
  const forged = (value: unknown) => failure(() => checks.expectClose(value, [0, 0], label));

  it("refuses a plain object shaped like a tensor (the id-0 forgery that passed before)", () => {
    const fake = { shape: [2], dtype: "float32", size: 2, id: 0, dataId: {}, dataSync: () => [], data: async () => [], dispose() {}, throwIfDisposed() {} };
    expect(forged(fake)).toContain("f(x) is an object that looks like a tensor but was not made by tf");
    expect(forged(fake)).toContain("Return the tensor tf gives you");
    expect(failure(() => checks.expectShape(fake, [2], label))).toContain("was not made by tf");
  });

  it("refuses a Proxy around a real tensor, a subclass, and a tensor built with new tf.Tensor", () => {
    const real = tf.tensor1d([]);
    const proxy = new Proxy(real, { get: (target, key) => (key === "shape" ? [2] : key === "size" ? 2 : Reflect.get(target, key, target)) });
    class Forged extends tf.Tensor {
      override dataSync<D extends DataType>() {
        return new Float32Array([0, 0]) as DataTypeMap[D];
      }
    }
    const subclass = new Forged([2], "float32", real.dataId, 0);
    const unbranded = new tf.Tensor([2], "float32", tf.tensor1d([0, 0]).dataId, 0);
    for (const value of [proxy, subclass, unbranded]) expect(forged(value)).toContain("was not made by tf");
  });

  it("reads shape, dtype and values as tf made them: rewriting a tensor's shape, dtype, dataSync or class changes nothing", () => {
    const t = tf.tensor1d([5, 6, 7]);
    Object.defineProperty(t, "shape", { value: [2] });
    Object.defineProperty(t, "dtype", { value: "bool" });
    Object.defineProperty(t, "dataSync", { value: () => new Float32Array([0, 0]) });
    expect(failure(() => checks.expectShape(t, [2], label))).toBe("f(x): expected shape [2] but got [3]");
    checks.expectClose(t, [5, 6, 7]);
    const moved = tf.tensor1d([1]);
    Object.setPrototypeOf(moved, Object.create(tf.Tensor.prototype));
    expect(forged(moved)).toContain("whose class was changed");
  });

  it("refuses a tensor whose data does not number what its shape says", () => {
    const data = tf.tensor1d([1, 2, 3]);
    const lying = engine.makeTensorFromTensorInfo({ dataId: data.dataId, shape: [2], dtype: "float32" });
    expect(forged(lying)).toContain("f(x) is a tensor whose shape [2] does not match its data (3 values)");
  });

  it("refuses a disposed tensor even when its disposed flag is reset", () => {
    const t = tf.tensor1d([0, 0]);
    t.dispose();
    (t as unknown as { isDisposedInternal: boolean }).isDisposedInternal = false;
    expect(forged(t)).toContain("f(x) is a tensor that was already disposed");
  });

  it("cannot be undone by learner code: the engine's factories and scopes cannot be replaced", () => {
    const engine = tf.engine() as unknown as Record<string, unknown>;
    expect(() => {
      engine.makeTensor = () => ({});
    }).toThrow(TypeError);
    expect(() => {
      engine.endScope = () => undefined;
    }).toThrow(TypeError);
    expect(() => {
      (tf.Tensor.prototype as unknown as Record<string, unknown>).dataSync = () => [];
    }).toThrow(TypeError);
    expect(Object.isFrozen(Object.getPrototypeOf(engine))).toBe(true);
  });
});

describe("expectTensor and expectNumber", () => {
  it("explains a number, a Promise, undefined and a disposed tensor where a tensor was expected", () => {
    expect(failure(() => checks.expectTensor(0.25, { label: "klDivergence(p, q)" }))).toContain(
      "klDivergence(p, q) should be a tf.Tensor but is the number 0.25",
    );
    expect(failure(() => checks.expectTensor(Promise.resolve(1)))).toContain("is a Promise");
    expect(failure(() => checks.expectTensor(Promise.reject(new Error("late"))))).toContain("Don't make the function async");
    expect(failure(() => checks.expectTensor(undefined))).toContain("Is a `return` missing?");
    const t = tf.scalar(1);
    t.dispose();
    expect(failure(() => checks.expectTensor(t))).toContain("already disposed");
  });

  it("explains a tensor where a number was expected", () => {
    expect(failure(() => checks.expectNumber(tf.scalar(2), { label: "trainStep(...)" }))).toContain(
      "trainStep(...) should be a number but is a tf.Tensor of shape []",
    );
    expect(checks.expectNumber(3)).toBe(3);
  });

  it("needs a finite number, and says what came instead", () => {
    expect(failure(() => checks.expectNumber(NaN, { label: "fitThreshold(e, 3)" }))).toContain("fitThreshold(e, 3) should be a finite number but is NaN");
    expect(failure(() => checks.expectNumber(-Infinity))).toContain("should be a finite number but is -Infinity");
    expect(failure(() => checks.expectNumber("3"))).toContain('should be a number but is the string "3"');
  });

  it("reads an array once, as a copy, and can check its length", () => {
    let reads = 0;
    const array = [1, 2];
    Object.defineProperty(array, 1, { get: () => ++reads });
    expect(checks.expectArray(array)).toEqual([1, 1]);
    expect(reads).toBe(1);
    expect(failure(() => checks.expectArray({ length: 2 }, { label: "makeBatches(…)" }))).toContain("makeBatches(…) should be an array but is an object");
    expect(failure(() => checks.expectArray([1], { label: "batches", length: 2 }))).toBe("batches: expected an array of 2 but got 1");
  });
});

describe("expectShape, expectScalar, expectEqual", () => {
  it("checks shapes and scalars", () => {
    checks.expectShape(tf.zeros([2, 3]), [2, 3]);
    expect(failure(() => checks.expectShape(tf.zeros([3]), [2], { label: "x" }))).toBe("x: expected shape [2] but got [3]");
    expect(checks.expectScalar(tf.scalar(4), 4)).toBe(4);
    expect(failure(() => checks.expectScalar(tf.tensor1d([4])))).toContain("expected a scalar (shape []) but got shape [1]");
  });

  it("compares exactly, reads booleans as true/false and checks the dtype when asked", () => {
    checks.expectEqual(tf.tensor1d([1, 0, 1], "bool"), [true, false, true], { dtype: "bool" });
    const message = failure(() => checks.expectEqual(tf.tensor1d([1, 1], "bool"), [true, false]));
    expect(message).toContain("expected false but got true at index [1]");
    expect(failure(() => checks.expectEqual(tf.tensor1d([1, 0]), [true, false], { dtype: "bool" }))).toContain("expected dtype bool but got float32");
    expect(() => checks.expectEqual(tf.tensor1d([1.00001]), [1])).toThrow();
  });
});

describe("expectNoLeak", () => {
  const input = tf.tensor1d([1, 2, 3]);

  it("passes when only the result is new, and returns it", () => {
    const result = checks.expectNoLeak(() => tf.tidy(() => input.mul(2).add(1)));
    expect(result.shape).toEqual([3]);
  });

  it("counts the leaked intermediates", () => {
    const message = failure(() => checks.expectNoLeak(() => input.mul(2).add(1), { label: "f(x)" }));
    expect(message.split("\n")[0]).toBe("f(x) leaked 1 tensor");
    expect(message).toContain("tf.tidy");
  });

  it("counts the tensors tf holds, not what the learner claims: a returned object with id 0, or tf's counters rewritten", () => {
    const withClaimedId = failure(() =>
      checks.expectNoLeak(() => {
        input.mul(2);
        return { shape: [3], dtype: "float32", id: 0, dataSync: () => [], dispose() {} };
      }),
    );
    expect(withClaimedId.split("\n")[0]).toBe("the call leaked 1 tensor");
    const state = (tf.engine() as unknown as { state: { numTensors: number } }).state;
    const hidden = failure(() =>
      checks.expectNoLeak(() => {
        const kept = tf.tidy(() => input.mul(2).add(1));
        input.mul(3);
        state.numTensors -= 1;
        return kept;
      }),
    );
    expect(hidden.split("\n")[0]).toBe("the call leaked 1 tensor");
  });

  it("does not let a getter claim a leaked tensor as part of the result", () => {
    let leaked: Tensor | undefined;
    const message = failure(() =>
      checks.expectNoLeak(() => {
        const result = tf.tidy(() => input.mul(2));
        leaked = input.add(1);
        return { result, get extra() { return leaked; } };
      }),
    );
    expect(message.split("\n")[0]).toBe("the call leaked 1 tensor");
  });

  it("does not count a returned input or tensors inside returned arrays and objects as leaks", () => {
    checks.expectNoLeak(() => input);
    checks.expectNoLeak(() => tf.tidy(() => [{ a: input.mul(2) }, input.add(1)]));
  });

  it("notices disposed inputs", () => {
    const own = tf.tensor1d([1]);
    expect(failure(() => checks.expectNoLeak(() => own.dispose()))).toContain("disposed 1 tensor it did not create");
  });

  it("waits for async functions", async () => {
    await expect(checks.expectNoLeak(async () => { input.mul(3); })).rejects.toThrow("leaked 1 tensor");
    await checks.expectNoLeak(async () => tf.tidy(() => { input.mul(3); }));
  });
});

describe("expectThrows", () => {
  it("needs a throw whose message matches", () => {
    checks.expectThrows(() => { throw new Error("must have the same size"); }, { matches: /same size/ });
    expect(failure(() => checks.expectThrows(() => 1, { label: "f()" }))).toBe("f() should throw an error but returned the number 1");
    expect(failure(() => checks.expectThrows(() => { throw new Error("boom"); }, { matches: "size" }))).toContain('threw "boom"');
  });
});
