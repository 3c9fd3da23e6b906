import * as tf from "@tensorflow/tfjs";

/** Per-sample mean squared error over every non-batch axis: [batch, ...] → [batch]. */
export function reconstructionErrors(x: tf.Tensor, xHat: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const featureAxes = Array.from({ length: x.rank - 1 }, (_, i) => i + 1);
    return tf.mean(tf.squaredDifference(x, xHat), featureAxes);
  });
}

/** mean + k·std (population std) of the errors of normal samples, as a number. */
export function fitThreshold(normalErrors: tf.Tensor, k: number): number {
  const [mean, std] = tf.tidy(() => {
    const { mean, variance } = tf.moments(normalErrors);
    return [mean.dataSync()[0] ?? NaN, Math.sqrt(variance.dataSync()[0] ?? NaN)];
  });
  return (mean ?? NaN) + k * (std ?? NaN);
}

/** true where error > threshold (strictly), as a bool tensor. */
export function flagAnomalies(errors: tf.Tensor, threshold: number): tf.Tensor {
  return tf.tidy(() => tf.greater(errors, threshold));
}
