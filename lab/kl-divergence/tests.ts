import { defineTests } from "@/lib/lab/api";
import type * as Reference from "./solution";

/** KL(P‖Q) in float64, one value per row: the reference the tests compare with. */
export function klRows(p: number[][], q: number[][]): number[] {
  return p.map((row, r) => row.reduce((sum, pi, i) => (pi === 0 ? sum : sum + pi * Math.log(pi / (q[r]?.[i] ?? NaN))), 0));
}

/** ∂KL/∂p = ln(p/q) + 1 and ∂KL/∂q = −p/q, elementwise (0 for q where p = 0), in float64. */
export function klGradients(p: number[][], q: number[][]): { dp: number[][]; dq: number[][] } {
  return {
    dp: p.map((row, r) => row.map((pi, i) => Math.log(pi / (q[r]?.[i] ?? NaN)) + 1)),
    dq: p.map((row, r) => row.map((pi, i) => (pi === 0 ? 0 : -pi / (q[r]?.[i] ?? NaN)))),
  };
}

export default defineTests<typeof Reference>(({ test, tf, solution, expectTensor, expectClose, expectShape, expectNoLeak, expectGradientClose, snapshotInputs }) => {
  test("1-D distributions: a scalar KL(P‖Q) in nats", () => {
    const p = [0.1, 0.4, 0.5];
    const q = [0.3, 0.3, 0.4];
    const kl = expectTensor(solution.klDivergence(tf.tensor1d(p), tf.tensor1d(q)), { label: "klDivergence(p, q)" });
    expectClose(kl, klRows([p], [q])[0] ?? NaN, {
      label: "klDivergence(p, q) for p = [0.1, 0.4, 0.5], q = [0.3, 0.3, 0.4]",
      hint: {
        shape: "a 1-D p and q give a scalar: sum over the last axis.",
        values: "Σ p·ln(p/q): natural log, summed (not averaged), p outside the log.",
      },
    });
  }, { points: 2 });

  test("a [batch, k] batch gives one divergence per row, shape [batch]", () => {
    const p = [[0.2, 0.5, 0.3], [0.6, 0.3, 0.1]];
    const q = [[0.1, 0.6, 0.3], [0.3, 0.3, 0.4]];
    const kl = expectShape(solution.klDivergence(tf.tensor2d(p), tf.tensor2d(q)), [2], {
      label: "klDivergence(p, q) for a [2, 3] batch",
      hint: "sum over the last axis only (axis = -1), not over every element.",
    });
    expectClose(kl, klRows(p, q), { label: "klDivergence(p, q) for a [2, 3] batch" });
  }, { points: 2 });

  test("KL(P‖P) = 0", () => {
    // Two tensors with the same values (not one tensor twice): the answer must come from the values.
    const p = [[0.25, 0.25, 0.5], [0.7, 0.2, 0.1]];
    const kl = expectTensor(solution.klDivergence(tf.tensor2d(p), tf.tensor2d(p)), { label: "klDivergence(p, p)" });
    expectClose(kl, [0, 0], { label: "klDivergence(p, p)", hint: { values: "log(p/p) = 0 for every term." } });
  });

  test("KL is not symmetric: KL(P‖Q) and KL(Q‖P) each have their own value", () => {
    const p = [0.9, 0.05, 0.05];
    const q = [1 / 3, 1 / 3, 1 / 3];
    const hint = "KL(P‖Q) = Σ p·ln(p/q): the first argument weights the terms and sits on top of the ratio.";
    const pq = expectTensor(solution.klDivergence(tf.tensor1d(p), tf.tensor1d(q)), { label: "klDivergence(p, q)" });
    expectClose(pq, klRows([p], [q])[0] ?? NaN, { label: "klDivergence(p, q) with p peaked, q uniform", hint });
    const qp = expectTensor(solution.klDivergence(tf.tensor1d(q), tf.tensor1d(p)), { label: "klDivergence(q, p)" });
    expectClose(qp, klRows([q], [p])[0] ?? NaN, { label: "klDivergence(q, p) with q uniform, p peaked", hint });
  }, { points: 2 });

  test("terms with p = 0 contribute 0, even where q = 0 too (no NaN)", () => {
    const p = [[0, 0.5, 0.5], [0, 1, 0]];
    const q = [[0, 0.25, 0.75], [0.5, 0.5, 0]];
    const kl = expectShape(solution.klDivergence(tf.tensor2d(p), tf.tensor2d(q)), [2], { label: "klDivergence(p, q) with zeros" });
    expectClose(kl, klRows(p, q), {
      label: "klDivergence(p, q) with zeros in p",
      hint: {
        nan: "0·log(0/q) must count as 0, but 0 * log(0) = 0 * -Infinity = NaN. Mask the p = 0 entries before the log (tf.where).",
      },
    });
  }, { points: 2 });

  test("p > 0 where q = 0 gives +∞ (Q cannot explain an outcome P produces)", () => {
    const p = [[0.5, 0.5, 0], [0.2, 0.5, 0.3]];
    const q = [[1, 0, 0], [0.1, 0.6, 0.3]];
    const kl = expectShape(solution.klDivergence(tf.tensor2d(p), tf.tensor2d(q)), [2], { label: "klDivergence(p, q) with q = 0 where p > 0" });
    expectClose(kl, [Infinity, klRows([p[1]!], [q[1]!])[0] ?? NaN], {
      label: "klDivergence(p, q) with q = 0 where p > 0",
      hint: "p·ln(p/0) = +∞: don't clip q to a small ε or drop the terms where q = 0 — mask on p only.",
    });
  });

  test("a rank-3 batch [2, 1, 3] gives shape [2, 1]: the last axis is the distribution", () => {
    const p = [[[0.2, 0.5, 0.3]], [[0.6, 0.3, 0.1]]];
    const q = [[[0.1, 0.6, 0.3]], [[0.3, 0.3, 0.4]]];
    const kl = expectShape(solution.klDivergence(tf.tensor3d(p), tf.tensor3d(q)), [2, 1], {
      label: "klDivergence(p, q) for a [2, 1, 3] batch",
      hint: "reduce the last axis only (axis = -1).",
    });
    expectClose(kl, klRows(p.flat(), q.flat()).map((v) => [v]), { label: "klDivergence(p, q) for a [2, 1, 3] batch" });
  });

  test("its gradient is the analytic one: ∂KL/∂p = ln(p/q) + 1, ∂KL/∂q = −p/q", () => {
    const p = [[0.2, 0.5, 0.3], [0.6, 0.3, 0.1]];
    const q = [[0.1, 0.6, 0.3], [0.3, 0.3, 0.4]];
    const { dp, dq } = klGradients(p, q);
    expectGradientClose((pt, qt) => solution.klDivergence(pt, qt), [tf.tensor2d(p), tf.tensor2d(q)], [dp, dq], {
      label: "klDivergence(p, q)",
      names: ["p", "q"],
      hint: "compute KL with tf ops from p and q (not from dataSync()), and build any mask with an op that has a gradient.",
    });
  }, { points: 2 });

  test("where p = 0 the gradient is finite: ∂KL/∂q = 0 there, even where q = 0 too", () => {
    const p = [[0, 0.5, 0.5], [0, 1, 0]];
    const q = [[0, 0.25, 0.75], [0.5, 0.5, 0]];
    expectGradientClose((qt) => solution.klDivergence(tf.tensor2d(p), qt), [tf.tensor2d(q)], [klGradients(p, q).dq], {
      label: "klDivergence(p, q) with zeros in p",
      names: ["q"],
      hint: { nan: "masking after the log keeps the value but not the gradient (0·∞ = NaN in the backward pass): make the p = 0 entries harmless before the log." },
    });
  });

  test("p and q are left as they were", () => {
    const p = [[0, 0.5, 0.5], [0.2, 0.5, 0.3]];
    const q = [[0, 0.25, 0.75], [0.1, 0.6, 0.3]];
    const [pt, qt] = [tf.tensor2d(p), tf.tensor2d(q)];
    const inputs = snapshotInputs({ p: pt, q: qt }, { label: "klDivergence(p, q)" });
    const kl = expectTensor(solution.klDivergence(pt, qt), { label: "klDivergence(p, q)" });
    inputs.expectUnchanged();
    expectClose(kl, klRows(p, q), { label: "klDivergence(p, q)" });
  });

  test("no tensor leaks: only the result stays allocated", () => {
    const p = [[0.2, 0.5, 0.3], [0, 0.3, 0.7]];
    const q = [[0.1, 0.6, 0.3], [0.3, 0.3, 0.4]];
    const [pt, qt] = [tf.tensor2d(p), tf.tensor2d(q)];
    const kl = expectNoLeak(() => solution.klDivergence(pt, qt), { label: "klDivergence(p, q)" });
    expectClose(kl, klRows(p, q), { label: "klDivergence(p, q)" });
  });
});
