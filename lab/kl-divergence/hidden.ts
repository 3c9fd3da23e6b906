import { defineTests } from "@/lib/lab/api";
import type * as Reference from "./solution";
import { klGradients, klRows } from "./tests";

export default defineTests<typeof Reference>(({ test, tf, solution, expectShape, expectClose, expectGradientClose, random }) => {
  test("a rank-3 batch [2, 2, 4] gives shape [2, 2] — reduce the last axis only", () => {
    const rng = random(6);
    const p = Array.from({ length: 4 }, () => rng.probabilities(4));
    const q = Array.from({ length: 4 }, () => rng.probabilities(4));
    const kl = expectShape(solution.klDivergence(tf.tensor3d([p.slice(0, 2), p.slice(2)]), tf.tensor3d([q.slice(0, 2), q.slice(2)])), [2, 2], {
      label: "klDivergence(p, q) for a [2, 2, 4] batch",
      hint: "reduce the last axis only.",
    });
    const expected = klRows(p, q);
    expectClose(kl, [expected.slice(0, 2), expected.slice(2)], { label: "klDivergence(p, q) for a [2, 2, 4] batch" });
  }, { hidden: true, points: 2 });

  test("p and q one-hot on the same outcome give 0 — zeros in p (and q) are 0 terms, not NaN", () => {
    const p = [[1, 0, 0, 0], [0.25, 0.25, 0.25, 0.25]];
    const q = [[1, 0, 0, 0], [0.1, 0.2, 0.3, 0.4]];
    const kl = expectShape(solution.klDivergence(tf.tensor2d(p), tf.tensor2d(q)), [2], { label: "klDivergence(p, q)" });
    expectClose(kl, klRows(p, q), { label: "klDivergence(p, q) with a one-hot row", hint: { nan: "zeros in p (and q) must give 0 terms, not NaN." } });
  }, { hidden: true });

  test("many outcomes — the terms are summed over the last axis, not averaged", () => {
    const rng = random(50);
    const p = [rng.probabilities(50)];
    const q = [rng.probabilities(50)];
    const kl = expectShape(solution.klDivergence(tf.tensor2d(p), tf.tensor2d(q)), [1], { label: "klDivergence(p, q) for a [1, 50] batch" });
    expectClose(kl, klRows(p, q), { label: "klDivergence(p, q) for a [1, 50] batch" });
  }, { hidden: true });

  test("the gradient with zeros and many outcomes — build it with tf ops, mask before the log", () => {
    const rng = random(51);
    const p = [rng.probabilities(20).map((v, i) => (i % 4 === 0 ? 0 : v))];
    const total = (p[0] ?? []).reduce((a, b) => a + b, 0);
    p[0] = (p[0] ?? []).map((v) => v / total);
    const q = [rng.probabilities(20)];
    expectGradientClose((qt) => solution.klDivergence(tf.tensor2d(p), qt), [tf.tensor2d(q)], [klGradients(p, q).dq], {
      label: "klDivergence(p, q)",
      names: ["q"],
    });
  }, { hidden: true });
});
