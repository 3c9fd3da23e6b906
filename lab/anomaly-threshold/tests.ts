import { defineTests } from "@/lib/lab/api";
import type * as Reference from "./solution";

/** Per-row mean of squared differences, rows already flattened. */
export const errorsByHand = (x: number[][], xHat: number[][]) =>
  x.map((row, r) => row.reduce((sum, v, j) => sum + (v - (xHat[r]?.[j] ?? NaN)) ** 2, 0) / row.length);

export const thresholdByHand = (errors: number[], k: number) => {
  const mean = errors.reduce((sum, e) => sum + e, 0) / errors.length;
  const variance = errors.reduce((sum, e) => sum + (e - mean) ** 2, 0) / errors.length;
  return mean + k * Math.sqrt(variance);
};

export default defineTests<typeof Reference>(({ test, tf, solution, random, expectShape, expectClose, expectEqual, expectNumber, expectNoLeak, expectGradientClose, snapshotInputs }) => {
  const rng = random(3);
  const x = Array.from({ length: 4 }, () => rng.normalArray(5));
  const xHat = x.map((row) => row.map((v) => v + rng.normal(0, 0.3)));

  test("reconstructionErrors: one mean squared error per sample, shape [batch]", () => {
    const errors = expectShape(solution.reconstructionErrors(tf.tensor2d(x), tf.tensor2d(xHat)), [4], {
      label: "reconstructionErrors(x, xHat) for a [4, 5] batch",
      hint: "average over the feature axis (every axis but the batch axis), not over the batch.",
    });
    expectClose(errors, errorsByHand(x, xHat), {
      label: "reconstructionErrors(x, xHat)",
      hint: { values: "the mean (not the sum) of the squared differences (x − x̂)², per sample." },
    });
  }, { points: 2 });

  test("reconstructionErrors on [batch, 3, 4] images averages over every non-batch axis", () => {
    const rng = random(31);
    const images = Array.from({ length: 2 }, () => rng.uniformArray(12, 0, 1));
    const reconstructions = images.map((row) => row.map((v) => v + rng.uniform(-0.2, 0.2)));
    const errors = expectShape(
      solution.reconstructionErrors(tf.tensor3d(images.flat(), [2, 3, 4]), tf.tensor3d(reconstructions.flat(), [2, 3, 4])),
      [2],
      { label: "reconstructionErrors(x, xHat) for [2, 3, 4] images", hint: "reduce axes 1..rank−1 together, not only axis 1." },
    );
    expectClose(errors, errorsByHand(images, reconstructions), { label: "reconstructionErrors(x, xHat) for [2, 3, 4] images" });
  }, { points: 2 });

  test("fitThreshold = mean + k·std of the normal errors (population std), as a number", () => {
    // Few, spread-out errors: n against n − 1 then moves the threshold by ~9 %, far outside even float16 tolerance.
    const normal = [0.1, 0.3, 0.2, 0.4];
    const threshold = expectNumber(solution.fitThreshold(tf.tensor1d(normal), 3), { label: "fitThreshold(normalErrors, 3)" });
    expectClose(threshold, thresholdByHand(normal, 3), {
      label: "fitThreshold(normalErrors, 3) for 4 normal errors",
      hint: { values: "μ + k·σ with σ the square root of the variance divided by n (tf.moments), not by n − 1." },
    });
  }, { points: 2 });

  test("fitThreshold is exact for equal errors and for large errors close together (variance in two passes)", () => {
    const hint = {
      values: "compute the variance as mean((e − μ)²) (tf.moments does), not E[e²] − E[e]²: in float32 the two large terms cancel and leave rounding noise.",
    };
    const equal = [0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7];
    const flat = expectNumber(solution.fitThreshold(tf.tensor1d(equal), 3), {
      label: "fitThreshold(7 equal errors of 0.7, 3)",
      hint: "with equal errors the variance is exactly 0; E[e²] − E[e]² leaves rounding noise, slightly positive or negative (and the square root of a negative number is NaN).",
    });
    expectClose(flat, thresholdByHand(equal, 3), { label: "fitThreshold(7 equal errors of 0.7, 3)", hint });
    const large = [1000.1, 999.9, 1000.2, 999.8, 1000, 1000.05, 999.95, 1000];
    const shifted = expectNumber(solution.fitThreshold(tf.tensor1d(large), 3), { label: "fitThreshold(errors near 1000, 3)" });
    expectClose(shifted, thresholdByHand(large, 3), { label: "fitThreshold(errors near 1000 with spread 0.1, 3)", hint });
  }, { points: 2 });

  test("reconstructionErrors trains the autoencoder: ∂error/∂x̂ = 2(x̂ − x)/d per sample", () => {
    const d = x[0]?.length ?? 1;
    expectGradientClose((reconstruction) => solution.reconstructionErrors(tf.tensor2d(x), reconstruction), [tf.tensor2d(xHat)], [
      xHat.map((row, r) => row.map((v, j) => (2 * (v - (x[r]?.[j] ?? NaN))) / d)),
    ], {
      label: "Σ reconstructionErrors(x, xHat)",
      names: ["xHat"],
      hint: "compute the errors with tf ops from x and xHat: numbers read with dataSync() and wrapped in a tensor have no gradient, so the same code could not be the autoencoder's loss.",
    });
  });

  test("the inputs are left as they were", () => {
    const [a, b] = [tf.tensor2d(x), tf.tensor2d(xHat)];
    const normal = tf.tensor1d([0.1, 0.3, 0.2, 0.4]);
    const inputs = snapshotInputs({ x: a, xHat: b, normalErrors: normal }, { label: "reconstructionErrors and fitThreshold" });
    const errors = solution.reconstructionErrors(a, b);
    const threshold = expectNumber(solution.fitThreshold(normal, 3), { label: "fitThreshold(normalErrors, 3)" });
    inputs.expectUnchanged();
    expectClose(errors, errorsByHand(x, xHat), { label: "reconstructionErrors(x, xHat)" });
    expectClose(threshold, thresholdByHand([0.1, 0.3, 0.2, 0.4], 3), { label: "fitThreshold(normalErrors, 3)" });
  });

  test("flagAnomalies: true strictly above the threshold, as a bool tensor (a tie is normal)", () => {
    const flags = solution.flagAnomalies(tf.tensor1d([0.1, 0.5, 0.25, 0.9, 0.24]), 0.25);
    expectEqual(flags, [false, true, false, true, false], {
      label: "flagAnomalies([0.1, 0.5, 0.25, 0.9, 0.24], 0.25)",
      dtype: "bool",
      hint: { dtype: "return the comparison itself (tf.greater), a bool tensor.", values: "strictly greater: an error equal to the threshold is not an anomaly." },
    });
  });

  test("end to end: a threshold from normal errors flags the injected anomalies", () => {
    const rng = random(32);
    const normalX = Array.from({ length: 20 }, () => rng.normalArray(6));
    const normalHat = normalX.map((row) => row.map((v) => v + rng.normal(0, 0.1)));
    const testX = Array.from({ length: 6 }, () => rng.normalArray(6));
    const testHat = testX.map((row, r) => row.map((v) => v + rng.normal(0, r === 1 || r === 4 ? 1.5 : 0.1)));
    const normalErrors = solution.reconstructionErrors(tf.tensor2d(normalX), tf.tensor2d(normalHat));
    const threshold = expectNumber(solution.fitThreshold(normalErrors, 3), { label: "fitThreshold(normalErrors, 3)" });
    const testErrors = solution.reconstructionErrors(tf.tensor2d(testX), tf.tensor2d(testHat));
    const expectedFlags = errorsByHand(testX, testHat).map((e) => e > thresholdByHand(errorsByHand(normalX, normalHat), 3));
    expectEqual(solution.flagAnomalies(testErrors, threshold), expectedFlags, { label: "the flags of 6 test samples (samples 1 and 4 are anomalies)", dtype: "bool" });
  });

  test("no tensor leaks from any of the three functions", () => {
    const a = tf.tensor2d(x);
    const b = tf.tensor2d(xHat);
    const errors = expectNoLeak(() => solution.reconstructionErrors(a, b), { label: "reconstructionErrors(x, xHat)" });
    const expectedErrors = errorsByHand(x, xHat);
    expectClose(errors, expectedErrors, { label: "reconstructionErrors(x, xHat)" });
    // Errors of a size where a wrong spread (n − 1, a variance) is far outside any backend's tolerance: these tiny
    // reconstruction errors would let WebGL's wider tolerance pass what the server's CPU refuses.
    const normal = tf.tensor1d([0.1, 0.3, 0.2, 0.4]);
    const threshold = expectNoLeak(() => solution.fitThreshold(normal, 3), { label: "fitThreshold(normalErrors, 3)" });
    expectClose(expectNumber(threshold, { label: "fitThreshold(normalErrors, 3)" }), thresholdByHand([0.1, 0.3, 0.2, 0.4], 3), { label: "fitThreshold(normalErrors, 3)" });
    const flags = expectNoLeak(() => solution.flagAnomalies(errors, 0.05), { label: "flagAnomalies(errors, 0.05)" });
    expectEqual(flags, expectedErrors.map((e) => e > 0.05), { label: "flagAnomalies(errors, 0.05)", dtype: "bool" });
  });
});
