// Correct: the variance as mean((e − μ)²) with tensor ops and manual dispose; flags as NOT(errors ≤ threshold).
import * as tf from "@tensorflow/tfjs";

export function reconstructionErrors(x: tf.Tensor, xHat: tf.Tensor): tf.Tensor {
  const difference = tf.sub(x, xHat);
  const squared = tf.mul(difference, difference);
  const axes = squared.shape.slice(1).map((_, i) => i + 1);
  const errors = tf.mean(squared, axes);
  tf.dispose([difference, squared]);
  return errors;
}

export function fitThreshold(normalErrors: tf.Tensor, k: number): number {
  const mean = tf.mean(normalErrors);
  const centered = tf.sub(normalErrors, mean);
  const squared = tf.square(centered);
  const variance = tf.mean(squared);
  const std = tf.sqrt(variance);
  const margin = tf.mul(std, k);
  const threshold = tf.add(mean, margin);
  const value = threshold.dataSync()[0] ?? NaN;
  tf.dispose([mean, centered, squared, variance, std, margin, threshold]);
  return value;
}

export function flagAnomalies(errors: tf.Tensor, threshold: number): tf.Tensor {
  return tf.tidy(() => tf.logicalNot(tf.lessEqual(errors, threshold)));
}
