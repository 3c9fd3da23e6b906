import { describe, expect, it } from "vitest";
import { tf } from "../testing";
import { createExpectations } from "./expect";
import { isAssertionError } from "./errors";

const checks = createExpectations(tf);

/** The message of the LabAssertionError fn throws (and that it is one). */
function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(isAssertionError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("expected the check to fail");
}

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

  it("honours an explicit tolerance and accepts numbers, arrays and typed arrays", () => {
    checks.expectClose(1.05, 1, { tol: 0.1 });
    checks.expectClose([1, 2], tf.tensor1d([1, 2]));
    checks.expectClose(new Float32Array([0.5]), [0.5]);
    expect(() => checks.expectClose(1.05, 1, { tol: 0.01 })).toThrow();
  });

  it("previews a big tensor with the first difference in view", () => {
    const values = Array.from({ length: 100 }, (_, i) => i);
    const changed = values.map((v) => (v === 50 ? -1 : v));
    const message = failure(() => checks.expectClose(tf.tensor1d(changed), values));
    expect(message).toContain("at index [50]");
    expect(message).toMatch(/actual: {3}\[0, 1, 2, 3, 4, 5, …, 49, -1, 51, …, 98, 99\] \(100 values, shape \[100\], row-major\)/);
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
