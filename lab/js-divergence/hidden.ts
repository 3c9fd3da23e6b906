import { defineTests } from "@/lib/lab/api";
import type * as Reference from "./solution";
import { jsRows } from "./tests";

export default defineTests<typeof Reference>(({ test, tf, solution, random, expectShape, expectClose }) => {
  test("a rank-3 batch [2, 3, 5] with some zeros gives shape [2, 3]", () => {
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

  test("partly overlapping supports stay strictly between 0 and ln 2", () => {
    const p = [0.5, 0.5, 0, 0];
    const q = [0, 0.5, 0.5, 0];
    const js = expectShape(solution.jsDivergence(tf.tensor1d(p), tf.tensor1d(q)), [], { label: "jsDivergence(p, q)" });
    expectClose(js, jsRows([p], [q])[0] ?? NaN, { label: "jsDivergence(p, q) with half-overlapping supports" });
  }, { hidden: true });
});
