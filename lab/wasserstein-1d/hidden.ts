import { defineTests } from "@/lib/lab/api";
import type * as Reference from "./solution";
import { w1 } from "./tests";

export default defineTests<typeof Reference>(({ test, tf, solution, random, expectShape, expectClose }) => {
  test("a long normal sample against a uniform one — sort both, mean (not sum) of |a(i) − b(i)|", () => {
    const rng = random(64);
    const a = rng.normalArray(64, 0, 1);
    const b = rng.uniformArray(64, -1, 2);
    const w = expectShape(solution.wasserstein1d(tf.tensor1d(a), tf.tensor1d(b)), [], { label: "wasserstein1d for n = 64" });
    expectClose(w, w1(a, b), { label: "wasserstein1d for n = 64" });
  }, { hidden: true, points: 2 });

  test("a batch with ties and negative values — sort each row along the last axis, numerically", () => {
    const rows = [[1, 1, 1, -2, 0, 5, 5], [-4, -4, 3, 3, 0, 1, -1]];
    const others = [[0, 0, 2, 2, 2, -1, 7], [3, -3, 0, 0, 0, 2, 2]];
    const w = expectShape(solution.wasserstein1d(tf.tensor2d(rows), tf.tensor2d(others)), [2], { label: "wasserstein1d for a [2, 7] batch" });
    expectClose(w, rows.map((row, r) => w1(row, others[r] ?? [])), { label: "wasserstein1d for a [2, 7] batch" });
  }, { hidden: true });
});
