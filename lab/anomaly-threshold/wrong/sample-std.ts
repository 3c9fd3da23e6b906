// Bug: uses the sample standard deviation (divides by n − 1) instead of the population one (n).
import * as tf from "@tensorflow/tfjs";

export function reconstructionErrors(x: tf.Tensor, xHat: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const featureAxes = Array.from({ length: x.rank - 1 }, (_, i) => i + 1);
    return tf.mean(tf.squaredDifference(x, xHat), featureAxes);
  });
}

export function fitThreshold(normalErrors: tf.Tensor, k: number): number {
  const values = Array.from(normalErrors.dataSync());
  const mean = values.reduce((sum, e) => sum + e, 0) / values.length;
  const variance = values.reduce((sum, e) => sum + (e - mean) ** 2, 0) / (values.length - 1);
  return mean + k * Math.sqrt(variance);
}

export function flagAnomalies(errors: tf.Tensor, threshold: number): tf.Tensor {
  return tf.tidy(() => tf.greater(errors, threshold));
}
