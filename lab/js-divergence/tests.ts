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

export default defineTests<typeof Reference>(({ test, tf, solution, expectTensor, expectShape, expectClose, expectNoLeak }) => {
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
});
