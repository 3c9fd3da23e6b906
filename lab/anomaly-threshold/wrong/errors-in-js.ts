// Bug: computes the reconstruction errors in plain JavaScript from dataSync(): right values, no gradient to train on.
import * as tf from "@tensorflow/tfjs";

export function reconstructionErrors(x: tf.Tensor, xHat: tf.Tensor): tf.Tensor {
  const batch = x.shape[0] ?? 1;
  const [a, b] = [x.dataSync(), xHat.dataSync()];
  const size = a.length / batch;
  const errors = Array.from({ length: batch }, (_, r) => {
    let sum = 0;
    for (let j = r * size; j < (r + 1) * size; j++) sum += (a[j]! - b[j]!) ** 2;
    return sum / size;
  });
  return tf.tensor1d(errors);
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
