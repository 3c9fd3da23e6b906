import { defineTests } from "@/lib/lab/api";
import type * as Reference from "./solution";
import { klRows } from "./tests";

export default defineTests<typeof Reference>(({ test, tf, solution, expectShape, expectClose, random }) => {
  test("a rank-3 batch [2, 2, 4] gives shape [2, 2]", () => {
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

  test("a row where p and q are both one-hot on the same outcome gives 0", () => {
    const p = [[1, 0, 0, 0], [0.25, 0.25, 0.25, 0.25]];
    const q = [[1, 0, 0, 0], [0.1, 0.2, 0.3, 0.4]];
    const kl = expectShape(solution.klDivergence(tf.tensor2d(p), tf.tensor2d(q)), [2], { label: "klDivergence(p, q)" });
    expectClose(kl, klRows(p, q), { label: "klDivergence(p, q) with a one-hot row", hint: { nan: "zeros in p (and q) must give 0 terms, not NaN." } });
  }, { hidden: true });

  test("many outcomes (k = 50): sum, not mean", () => {
    const rng = random(50);
    const p = [rng.probabilities(50)];
    const q = [rng.probabilities(50)];
    const kl = expectShape(solution.klDivergence(tf.tensor2d(p), tf.tensor2d(q)), [1], { label: "klDivergence(p, q) for a [1, 50] batch" });
    expectClose(kl, klRows(p, q), { label: "klDivergence(p, q) for a [1, 50] batch" });
  }, { hidden: true });
});
