// Bug: the variance in one pass, E[e²] − E[e]²: cancels catastrophically in float32 (NaN on equal errors, drift on large ones).
import * as tf from "@tensorflow/tfjs";

export function reconstructionErrors(x: tf.Tensor, xHat: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const featureAxes = Array.from({ length: x.rank - 1 }, (_, i) => i + 1);
    return tf.mean(tf.squaredDifference(x, xHat), featureAxes);
  });
}

export function fitThreshold(normalErrors: tf.Tensor, k: number): number {
  return tf.tidy(() => {
    const mean = tf.mean(normalErrors);
    const variance = tf.sub(tf.mean(tf.square(normalErrors)), tf.square(mean));
    return tf.add(mean, tf.mul(k, tf.sqrt(variance))).dataSync()[0] ?? NaN;
  });
}

export function flagAnomalies(errors: tf.Tensor, threshold: number): tf.Tensor {
  return tf.tidy(() => tf.greater(errors, threshold));
}
