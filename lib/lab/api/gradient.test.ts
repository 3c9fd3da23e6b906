import type { Tensor } from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { failure, tf } from "../testing";
import { createExpectations } from "./expect";

const { expectGradientClose } = createExpectations(tf);

const p = [0.2, 0.5, 0.3];
const q = [0.1, 0.6, 0.3];
const kl = (pt: Tensor, qt: Tensor) => tf.sum(tf.mul(pt, tf.log(tf.div(pt, qt))));
// ∂KL/∂p_i = log(p_i/q_i) + 1, ∂KL/∂q_i = −p_i/q_i: plain JavaScript, as a test computes them.
const dp = p.map((pi, i) => Math.log(pi / q[i]!) + 1);
const dq = p.map((pi, i) => -pi / q[i]!);

describe("expectGradientClose", () => {
  it("passes the analytic gradient with respect to each input and returns the gradients' values", () => {
    const grads = expectGradientClose(kl, [tf.tensor1d(p), tf.tensor1d(q)], [dp, dq], { names: ["p", "q"] });
    expect(grads[1]![0]).toBeCloseTo(-2, 5);
  });

  it("takes the gradient of the sum of a non-scalar result", () => {
    expectGradientClose((x) => tf.square(x), [tf.tensor1d([1, -2])], [[2, -4]]);
  });

  it("fails a wrong gradient, naming the input", () => {
    const message = failure(() => expectGradientClose(kl, [tf.tensor1d(p), tf.tensor1d(q)], [dp, dp], { label: "kl(p, q)", names: ["p", "q"] }));
    expect(message.split("\n")[0]).toMatch(/^the gradient of kl\(p, q\) with respect to q: expected .* but got -2 at index \[0\]/);
  });

  it("fails a result computed outside tf: the right value, no gradient", () => {
    const fromJs = (pt: Tensor, qt: Tensor) => {
      const [a, b] = [pt.dataSync(), qt.dataSync()];
      let total = 0;
      for (let i = 0; i < a.length; i++) total += a[i]! * Math.log(a[i]! / b[i]!);
      return tf.scalar(total);
    };
    const message = failure(() => expectGradientClose(fromJs, [tf.tensor1d(p), tf.tensor1d(q)], [dp, dq], { label: "kl(p, q)", names: ["p", "q"] }));
    expect(message).toContain("no gradient flows from p to kl(p, q)");
    expect(message).toContain("dataSync()");
  });

  it("fails when only one input reaches the result", () => {
    const message = failure(() => expectGradientClose((pt, qt) => tf.sum(tf.mul(pt, tf.scalar(qt.dataSync()[0]!))), [tf.tensor1d(p), tf.tensor1d(q)], [[0.1, 0.1, 0.1], p], { names: ["p", "q"] }));
    expect(message).toContain("no gradient flows from q");
  });

  it("reports an op with no gradient (tf.greater inside tf.where) with what to use instead", () => {
    const masked = (pt: Tensor, qt: Tensor) => tf.sum(tf.where(tf.greater(pt, 0), tf.mul(pt, tf.log(tf.div(pt, qt))), tf.zerosLike(pt)));
    const message = failure(() => expectGradientClose(masked, [tf.tensor1d(p), tf.tensor1d(q)], [dp, dq], { label: "kl(p, q)" }));
    expect(message).toContain("the gradient of kl(p, q) could not be computed: ");
    expect(message).toContain("Greater");
    expect(message).toContain("tf.greaterEqual");
  });

  it("reports NaN in a gradient as such, with the nan hint", () => {
    // 0·√x is 0 everywhere, but its gradient at 0 is 0·∞ = NaN when the mask comes after the infinite slope.
    const message = failure(() => expectGradientClose((x) => tf.mul(tf.sqrt(x), 0), [tf.tensor1d([0, 4])], [[0, 0]], { hint: { nan: "mask before the square root" } }));
    expect(message.split("\n")[0]).toBe("the gradient of the result with respect to input 1: got NaN at index [0] where 0 was expected — mask before the square root");
  });

  it("differentiates with respect to variables, as tf.variableGrads, through a closure", () => {
    const w = tf.variable(tf.tensor1d([1, 2]));
    const b = tf.variable(tf.scalar(0.5));
    const x = tf.tensor1d([3, -1]);
    const loss = () => tf.square(tf.add(tf.sum(tf.mul(w, x)), b)); // (w·x + b)² = (1.5)²
    expectGradientClose(loss, [w, b], [[2 * 1.5 * 3, 2 * 1.5 * -1], 2 * 1.5], { names: ["w", "b"] });
    const frozen = tf.variable(tf.scalar(1));
    expect(failure(() => expectGradientClose(loss, [w, frozen], [[9, -3], 0], { names: ["w", "the generator's weight"] }))).toContain(
      "no gradient flows from the generator's weight",
    );
  });

  it("refuses a forged result and lets the learner's own errors through as errors", () => {
    expect(failure(() => expectGradientClose(() => ({ shape: [], dataSync: () => [1] }), [tf.scalar(1)], [1]))).toContain("was not made by tf");
    expect(() =>
      expectGradientClose(() => {
        throw new TypeError("oops");
      }, [tf.scalar(1)], [1]),
    ).toThrow(TypeError);
  });

  it("is a test's mistake to pass no inputs, a count of expected gradients that differs, or a tensor tf did not make", () => {
    expect(() => expectGradientClose(() => tf.scalar(1), [] as Tensor[], [])).toThrow(/one expected gradient/);
    expect(() => expectGradientClose((x) => x, [tf.scalar(1)], [1, 2])).toThrow(/one expected gradient/);
    expect(() => expectGradientClose((x) => x, [{ shape: [] } as unknown as Tensor], [1])).toThrow(/tensors or variables the test made/);
  });
});

describe("snapshotInputs", () => {
  const { snapshotInputs } = createExpectations(tf);

  it("passes when the call leaves its inputs alone", () => {
    const order = [2, 0, 1];
    const x = tf.tensor1d([1, 2, 3]);
    const snapshot = snapshotInputs({ x, order });
    order.slice().sort();
    tf.reverse(x);
    snapshot.expectUnchanged();
  });

  it("names an array shuffled in place, a tensor written into and a tensor disposed", () => {
    const order = [2, 0, 1];
    const shuffled = snapshotInputs({ order });
    order.sort();
    expect(failure(() => shuffled.expectUnchanged())).toMatch(/^the input order was changed by the call \(\[0\] differs\) — .*slice\(\)/);

    const v = tf.variable(tf.tensor1d([1, 2]));
    const written = snapshotInputs({ v }, { label: "makeBatches(…)" });
    v.assign(tf.tensor1d([1, 3]));
    expect(failure(() => written.expectUnchanged())).toContain("makeBatches(…): the input tensor v was changed by the call (value 1 differs)");

    const x = tf.tensor1d([1]);
    const disposed = snapshotInputs({ x });
    x.dispose();
    expect(failure(() => disposed.expectUnchanged())).toContain("the input x was disposed by the call");
  });
});
