import { defineTests } from "@/lib/lab/api";
import type * as Reference from "./solution";
import { jsGradient, jsRows } from "./tests";

export default defineTests<typeof Reference>(({ test, tf, solution, random, expectShape, expectClose, expectGradientClose }) => {
  test("a rank-3 batch with some zeros gives one value per distribution — reduce the last axis only, zero terms count 0", () => {
    const rng = random(41);
    const rows = Array.from({ length: 6 }, (_, r) => {
      const probabilities = rng.probabilities(5);
      if (r % 2 === 0) probabilities[r % 5] = 0; // a zero in half the rows
      const total = probabilities.reduce((sum, x) => sum + x, 0);
      return probabilities.map((x) => x / total);
    });
    const others = Array.from({ length: 6 }, () => rng.probabilities(5));
    const js = expectShape(
      solution.jsDivergence(tf.tensor3d(rows.flat(), [2, 3, 5]), tf.tensor3d(others.flat(), [2, 3, 5])),
      [2, 3],
      { label: "jsDivergence(p, q) for a [2, 3, 5] batch" },
    );
    const expected = jsRows(rows, others);
    expectClose(js, [expected.slice(0, 3), expected.slice(3)], { label: "jsDivergence(p, q) for a [2, 3, 5] batch" });
  }, { hidden: true, points: 2 });

  test("partly overlapping supports stay strictly between 0 and ln 2 — terms with p = 0 or q = 0 count 0, M = ½(P + Q)", () => {
    const p = [0.5, 0.5, 0, 0];
    const q = [0, 0.5, 0.5, 0];
    const js = expectShape(solution.jsDivergence(tf.tensor1d(p), tf.tensor1d(q)), [], { label: "jsDivergence(p, q)" });
    expectClose(js, jsRows([p], [q])[0] ?? NaN, { label: "jsDivergence(p, q) with half-overlapping supports" });
  }, { hidden: true });

  test("the gradient over many outcomes — build JS with tf ops that have gradients", () => {
    const rng = random(42);
    const [p, q] = [rng.probabilities(12), rng.probabilities(12)];
    expectGradientClose((pt, qt) => solution.jsDivergence(pt, qt), [tf.tensor1d(p), tf.tensor1d(q)], [jsGradient(p, q), jsGradient(q, p)], {
      label: "jsDivergence(p, q)",
      names: ["p", "q"],
    });
  }, { hidden: true });
});
