// Bug: reshuffles the caller's order array in place ("a fresh shuffle per call") before gathering with it.
import * as tf from "@tensorflow/tfjs";

export function makeBatches(x: tf.Tensor, y: tf.Tensor, batchSize: number, order: number[]): { xs: tf.Tensor; ys: tf.Tensor }[] {
  const n = x.shape[0] ?? 0;
  if (y.shape[0] !== n) throw new Error(`makeBatches: x and y must have the same number of samples, got ${n} and ${y.shape[0]}`);
  let seed = 7;
  for (let i = order.length - 1; i > 0; i--) {
    seed = (seed * 16807) % 2147483647;
    const j = seed % (i + 1);
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
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
