// Bug: drops the last, smaller batch (drop_remainder = True), losing samples every epoch.
import * as tf from "@tensorflow/tfjs";

export function makeBatches(x: tf.Tensor, y: tf.Tensor, batchSize: number, order: number[]): { xs: tf.Tensor; ys: tf.Tensor }[] {
  const n = x.shape[0] ?? 0;
  if (y.shape[0] !== n) throw new Error(`makeBatches: x and y must have the same number of samples, got ${n} and ${y.shape[0]}`);
  return tf.tidy(() => {
    const indices = tf.tensor1d(order, "int32");
    const shuffledX = tf.gather(x, indices);
    const shuffledY = tf.gather(y, indices);
    const batches: { xs: tf.Tensor; ys: tf.Tensor }[] = [];
    for (let start = 0; start + batchSize <= n; start += batchSize) {
      batches.push({ xs: tf.slice(shuffledX, [start], [batchSize]), ys: tf.slice(shuffledY, [start], [batchSize]) });
    }
    return batches;
  });
}
