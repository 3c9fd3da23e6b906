// Bug: checks that order is a permutation with Array.prototype.sort(), which sorts as strings: 10 comes before 2.
import * as tf from "@tensorflow/tfjs";

export function makeBatches(x: tf.Tensor, y: tf.Tensor, batchSize: number, order: number[]): { xs: tf.Tensor; ys: tf.Tensor }[] {
  const n = x.shape[0] ?? 0;
  if (y.shape[0] !== n) throw new Error(`makeBatches: x and y must have the same number of samples, got ${n} and ${y.shape[0]}`);
  const sorted = [...order].sort();
  if (sorted.length !== n || sorted.some((value, i) => value !== i)) throw new Error("makeBatches: order must be a permutation of 0 … n − 1");
  return tf.tidy(() => {
    const indices = tf.tensor1d(order, "int32");
    const [shuffledX, shuffledY] = [tf.gather(x, indices), tf.gather(y, indices)];
    const batches: { xs: tf.Tensor; ys: tf.Tensor }[] = [];
    for (let start = 0; start < n; start += batchSize) {
      const size = Math.min(batchSize, n - start);
      batches.push({ xs: tf.slice(shuffledX, [start], [size]), ys: tf.slice(shuffledY, [start], [size]) });
    }
    return batches;
  });
}
