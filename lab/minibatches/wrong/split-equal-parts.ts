// Bug: uses tf.split into ceil(n / batchSize) parts, which throws unless n divides evenly.
import * as tf from "@tensorflow/tfjs";

export function makeBatches(x: tf.Tensor, y: tf.Tensor, batchSize: number, order: number[]): { xs: tf.Tensor; ys: tf.Tensor }[] {
  const n = x.shape[0] ?? 0;
  if (y.shape[0] !== n) throw new Error(`makeBatches: x and y must have the same number of samples, got ${n} and ${y.shape[0]}`);
  return tf.tidy(() => {
    const indices = tf.tensor1d(order, "int32");
    const parts = Math.ceil(n / batchSize);
    const xs = tf.split(tf.gather(x, indices), parts);
    const ys = tf.split(tf.gather(y, indices), parts);
    return xs.map((xsBatch, b) => ({ xs: xsBatch, ys: ys[b] as tf.Tensor }));
  });
}
