import { defineTests } from "@/lib/lab/api";
import type * as Reference from "./solution";

/** JS per row in float64 nats. */
export function jsRows(p: number[][], q: number[][]): number[] {
  const kl = (a: number[], b: number[]) => a.reduce((sum, ai, i) => (ai === 0 ? sum : sum + ai * Math.log(ai / (b[i] ?? NaN))), 0);
  return p.map((row, r) => {
    const other = q[r] ?? [];
    const m = row.map((pi, i) => (pi + (other[i] ?? NaN)) / 2);
    return 0.5 * kl(row, m) + 0.5 * kl(other, m);
  });
}

/** ∂JS/∂p = ½·ln(p/m) (the two −½ from M cancel the +½), per entry, in float64. */
export function jsGradient(p: number[], q: number[]): number[] {
  return p.map((pi, i) => 0.5 * Math.log(pi / ((pi + (q[i] ?? NaN)) / 2)));
}

export default defineTests<typeof Reference>(({ test, tf, solution, expectTensor, expectShape, expectClose, expectNoLeak, expectGradientClose, snapshotInputs }) => {
  test("1-D distributions: a scalar JS(P, Q) in nats", () => {
    const p = [0.1, 0.6, 0.3];
    const q = [0.5, 0.2, 0.3];
    const js = expectShape(solution.jsDivergence(tf.tensor1d(p), tf.tensor1d(q)), [], {
      label: "jsDivergence(p, q) for 1-D p and q",
      hint: "reduce the last axis: 1-D inputs give a scalar.",
    });
    expectClose(js, jsRows([p], [q])[0] ?? NaN, {
      label: "jsDivergence(p, q) for p = [0.1, 0.6, 0.3], q = [0.5, 0.2, 0.3]",
      hint: { values: "M = ½(P + Q); JS = ½·KL(P‖M) + ½·KL(Q‖M), each KL a sum over the last axis, natural log." },
    });
  }, { points: 2 });

  test("JS is symmetric: JS(P, Q) = JS(Q, P)", () => {
    const p = [0.7, 0.2, 0.1];
    const q = [0.2, 0.2, 0.6];
    const expected = jsRows([p], [q])[0] ?? NaN;
    const pq = expectTensor(solution.jsDivergence(tf.tensor1d(p), tf.tensor1d(q)), { label: "jsDivergence(p, q)" });
    const qp = expectTensor(solution.jsDivergence(tf.tensor1d(q), tf.tensor1d(p)), { label: "jsDivergence(q, p)" });
    const hint = { values: "both KL terms are taken against the mixture M, not against each other." };
    expectClose(pq, expected, { label: "jsDivergence(p, q)", hint });
    expectClose(qp, expected, { label: "jsDivergence(q, p)", hint });
  });

  test("disjoint supports give the maximum, ln 2 ≈ 0.693 (finite, no NaN)", () => {
    // The last outcome has p = q = 0 (so m = 0 too): 0/0 is NaN on every backend, where a lone log(0) is not (a GPU
    // may return a large finite number), so an unguarded p·log(p/m) fails here everywhere.
    const p = [[0.5, 0.5, 0, 0, 0], [1, 0, 0, 0, 0]];
    const q = [[0, 0, 0.25, 0.75, 0], [0, 0, 0, 1, 0]];
    const js = expectShape(solution.jsDivergence(tf.tensor2d(p), tf.tensor2d(q)), [2], { label: "jsDivergence(p, q) for a [2, 5] batch" });
    expectClose(js, [Math.LN2, Math.LN2], {
      label: "jsDivergence(p, q) for non-overlapping p and q",
      hint: {
        nan: "terms with p = 0 (or q = 0) must count 0: mask them before the log (tf.where).",
        values: "the maximum is ln 2 in nats (1 only in bits, with log2): use the natural log, M = ½(P + Q), and the ½ weights.",
      },
    });
  }, { points: 2 });

  test("a [batch, k] batch gives one value per row; identical rows give 0", () => {
    const p = [[0.2, 0.3, 0.5], [0.25, 0.25, 0.5], [0.9, 0.05, 0.05]];
    const q = [[0.3, 0.3, 0.4], [0.25, 0.25, 0.5], [0.1, 0.1, 0.8]];
    const js = expectShape(solution.jsDivergence(tf.tensor2d(p), tf.tensor2d(q)), [3], {
      label: "jsDivergence(p, q) for a [3, 3] batch",
      hint: "sum over the last axis only (axis = -1), not over every element.",
    });
    expectClose(js, jsRows(p, q), { label: "jsDivergence(p, q) for a [3, 3] batch" });
  }, { points: 2 });

  test("no tensor leaks", () => {
    const p = [[0.2, 0.8, 0], [0.5, 0.25, 0.25]];
    const q = [[0.6, 0.2, 0.2], [0, 0.5, 0.5]];
    const [pt, qt] = [tf.tensor2d(p), tf.tensor2d(q)];
    const js = expectNoLeak(() => solution.jsDivergence(pt, qt), { label: "jsDivergence(p, q)" });
    expectClose(js, jsRows(p, q), { label: "jsDivergence(p, q)" });
  });

  test("a rank-3 batch [2, 1, 3] gives shape [2, 1]: the last axis is the distribution", () => {
    const p = [[[0.2, 0.3, 0.5]], [[0.9, 0.1, 0]]];
    const q = [[[0.3, 0.3, 0.4]], [[0, 0.5, 0.5]]];
    const js = expectShape(solution.jsDivergence(tf.tensor3d(p), tf.tensor3d(q)), [2, 1], {
      label: "jsDivergence(p, q) for a [2, 1, 3] batch",
      hint: "reduce the last axis only (axis = -1).",
    });
    expectClose(js, jsRows(p.flat(), q.flat()).map((v) => [v]), { label: "jsDivergence(p, q) for a [2, 1, 3] batch" });
  });

  test("its gradient is the analytic one: ∂JS/∂p = ½·ln(p/m), ∂JS/∂q = ½·ln(q/m)", () => {
    const p = [0.2, 0.5, 0.3];
    const q = [0.1, 0.6, 0.3];
    expectGradientClose((pt, qt) => solution.jsDivergence(pt, qt), [tf.tensor1d(p), tf.tensor1d(q)], [jsGradient(p, q), jsGradient(q, p)], {
      label: "jsDivergence(p, q)",
      names: ["p", "q"],
      hint: "compute JS with tf ops from p and q (not from dataSync()), and build any mask with an op that has a gradient.",
    });
  }, { points: 2 });

  test("where p = q = 0 the gradient stays finite (moving mass between the other outcomes)", () => {
    // p(t) = p + t·d moves mass between the first two outcomes; the last one is 0 in p and q. dJS/dt = Σ d·∂JS/∂p,
    // and a NaN in ∂JS/∂p at the empty outcome makes it NaN even though d is 0 there.
    const p = [0.6, 0.4, 0];
    const q = [0.3, 0.7, 0];
    const d = [1, -1, 0];
    const dp = jsGradient(p, q);
    const expected = d.reduce((sum, di, i) => (di === 0 ? sum : sum + di * (dp[i] ?? NaN)), 0);
    expectGradientClose((t) => solution.jsDivergence(tf.add(tf.tensor1d(p), tf.mul(t, tf.tensor1d(d))), tf.tensor1d(q)), [tf.scalar(0)], [expected], {
      label: "jsDivergence(p + t·d, q) at t = 0",
      names: ["t"],
      hint: { nan: "masking after the log keeps the value but not the gradient (0·∞ = NaN in the backward pass): make the zero entries harmless before the log." },
    });
  });

  test("p and q are left as they were", () => {
    const p = [[0.5, 0.5, 0], [0.2, 0.5, 0.3]];
    const q = [[0, 0.5, 0.5], [0.1, 0.6, 0.3]];
    const [pt, qt] = [tf.tensor2d(p), tf.tensor2d(q)];
    const inputs = snapshotInputs({ p: pt, q: qt }, { label: "jsDivergence(p, q)" });
    const js = expectTensor(solution.jsDivergence(pt, qt), { label: "jsDivergence(p, q)" });
    inputs.expectUnchanged();
    expectClose(js, jsRows(p, q), { label: "jsDivergence(p, q)" });
  });
});
