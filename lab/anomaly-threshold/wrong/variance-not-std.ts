// Bug: adds k times the variance instead of k times the standard deviation.
import * as tf from "@tensorflow/tfjs";

export function reconstructionErrors(x: tf.Tensor, xHat: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const featureAxes = Array.from({ length: x.rank - 1 }, (_, i) => i + 1);
    return tf.mean(tf.squaredDifference(x, xHat), featureAxes);
  });
}

export function fitThreshold(normalErrors: tf.Tensor, k: number): number {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(normalErrors);
    return (mean.dataSync()[0] ?? NaN) + k * (variance.dataSync()[0] ?? NaN);
  });
}

export function flagAnomalies(errors: tf.Tensor, threshold: number): tf.Tensor {
  return tf.tidy(() => tf.greater(errors, threshold));
}
