// Bug: uses the mean absolute error |x − x̂| instead of the mean squared error.
import * as tf from "@tensorflow/tfjs";

export function reconstructionErrors(x: tf.Tensor, xHat: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const featureAxes = Array.from({ length: x.rank - 1 }, (_, i) => i + 1);
    return tf.mean(tf.abs(tf.sub(x, xHat)), featureAxes);
  });
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
