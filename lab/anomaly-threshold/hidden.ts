import { defineTests } from "@/lib/lab/api";
import type * as Reference from "./solution";
import { errorsByHand, thresholdByHand } from "./tests";

export default defineTests<typeof Reference>(({ test, tf, solution, random, expectShape, expectClose, expectNumber, expectEqual }) => {
  test("[batch, h, w, c] images: rank-4 errors — average over every axis but the batch", () => {
    const rng = random(44);
    const images = Array.from({ length: 3 }, () => rng.uniformArray(2 * 2 * 3, 0, 1));
    const reconstructions = images.map((row) => row.map((v) => v * 0.8));
    const errors = expectShape(
      solution.reconstructionErrors(tf.tensor4d(images.flat(), [3, 2, 2, 3]), tf.tensor4d(reconstructions.flat(), [3, 2, 2, 3])),
      [3],
      { label: "reconstructionErrors for [3, 2, 2, 3] images" },
    );
    expectClose(errors, errorsByHand(images, reconstructions), { label: "reconstructionErrors for [3, 2, 2, 3] images" });
  }, { hidden: true });

  test("k = 0 gives the mean; a larger sample of normal errors — μ + k·σ, σ the population std (divide by n)", () => {
    const rng = random(45);
    const normal = rng.uniformArray(40, 0.01, 0.3);
    expectClose(expectNumber(solution.fitThreshold(tf.tensor1d(normal), 0), { label: "fitThreshold(errors, 0)" }), thresholdByHand(normal, 0), { label: "fitThreshold(errors, 0)" });
    expectClose(expectNumber(solution.fitThreshold(tf.tensor1d(normal), 2.5), { label: "fitThreshold(errors, 2.5)" }), thresholdByHand(normal, 2.5), { label: "fitThreshold(errors, 2.5)" });
  }, { hidden: true });

  test("flags keep the shape of a 2-D error tensor — compare elementwise, strictly, return the bool tensor", () => {
    expectEqual(solution.flagAnomalies(tf.tensor2d([[0.125, 0.75], [0.25, 0.5]]), 0.25), [[false, true], [false, true]], { label: "flagAnomalies for [2, 2] errors", dtype: "bool" });
  }, { hidden: true });
});
