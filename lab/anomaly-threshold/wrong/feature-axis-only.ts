// Bug: averages over axis 1 only, which is right for [batch, d] rows but leaves extra axes on images.
import * as tf from "@tensorflow/tfjs";

export function reconstructionErrors(x: tf.Tensor, xHat: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mean(tf.squaredDifference(x, xHat), 1));
}

export function fitThreshold(normalErrors: tf.Tensor, k: number): number {
  const [mean, std] = tf.tidy(() => {
    const { mean, variance } = tf.moments(normalErrors);
    return [mean.dataSync()[0] ?? NaN, Math.sqrt(variance.dataSync()[0] ?? NaN)];
  });
  return (mean ?? NaN) + k * (std ?? NaN);
}

export function flagAnomalies(errors: tf.Tensor, threshold: number): tf.Tensor {
  return tf.tidy(() => tf.greater(errors, threshold));
}
