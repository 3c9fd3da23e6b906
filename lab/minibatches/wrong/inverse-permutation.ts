// Bug: sends sample i to position order[i] (the inverse permutation) instead of taking sample order[i] for position i.
import * as tf from "@tensorflow/tfjs";

export function makeBatches(x: tf.Tensor, y: tf.Tensor, batchSize: number, order: number[]): { xs: tf.Tensor; ys: tf.Tensor }[] {
  const n = x.shape[0] ?? 0;
  if (y.shape[0] !== n) throw new Error(`makeBatches: x and y must have the same number of samples, got ${n} and ${y.shape[0]}`);
  const inverse = new Array<number>(n);
  order.forEach((target, i) => {
    inverse[target] = i;
  });
  return tf.tidy(() => {
    const indices = tf.tensor1d(inverse, "int32");
    const shuffledX = tf.gather(x, indices);
    const shuffledY = tf.gather(y, indices);
    const batches: { xs: tf.Tensor; ys: tf.Tensor }[] = [];
    for (let start = 0; start < n; start += batchSize) {
      const size = Math.min(batchSize, n - start);
      batches.push({ xs: tf.slice(shuffledX, [start], [size]), ys: tf.slice(shuffledY, [start], [size]) });
    }
    return batches;
  });
}
