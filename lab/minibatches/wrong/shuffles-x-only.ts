// Bug: shuffles x but not y, so the labels no longer match their samples.
import * as tf from "@tensorflow/tfjs";

export function makeBatches(x: tf.Tensor, y: tf.Tensor, batchSize: number, order: number[]): { xs: tf.Tensor; ys: tf.Tensor }[] {
  const n = x.shape[0] ?? 0;
  if (y.shape[0] !== n) throw new Error(`makeBatches: x and y must have the same number of samples, got ${n} and ${y.shape[0]}`);
  return tf.tidy(() => {
    const shuffledX = tf.gather(x, tf.tensor1d(order, "int32"));
    const batches: { xs: tf.Tensor; ys: tf.Tensor }[] = [];
    for (let start = 0; start < n; start += batchSize) {
      const size = Math.min(batchSize, n - start);
      batches.push({ xs: tf.slice(shuffledX, [start], [size]), ys: tf.slice(y, [start], [size]) });
    }
    return batches;
  });
}
