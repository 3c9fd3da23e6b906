// Correct: errors reshaped to [batch, -1] and averaged on axis 1; the threshold computed in plain JavaScript from
// the values read once; flags with tf.where-free comparison on a scalar tensor.
import * as tf from "@tensorflow/tfjs";

export function reconstructionErrors(x: tf.Tensor, xHat: tf.Tensor): tf.Tensor {
  return tf.tidy(() => x.sub(xHat).square().reshape([x.shape[0] ?? 1, -1]).mean(1));
}

export function fitThreshold(normalErrors: tf.Tensor, k: number): number {
  const values = Array.from(normalErrors.dataSync());
  const mean = values.reduce((sum, e) => sum + e, 0) / values.length;
  const variance = values.reduce((sum, e) => sum + (e - mean) ** 2, 0) / values.length;
  return mean + k * Math.sqrt(variance);
}

export function flagAnomalies(errors: tf.Tensor, threshold: number): tf.Tensor {
  const limit = tf.scalar(threshold);
  const flags = errors.greater(limit);
  limit.dispose();
  return flags;
}
