// Correct: no shuffled copy at all: each batch gathers its own slice of `order` directly from x and y.
import * as tf from "@tensorflow/tfjs";

export function makeBatches(x: tf.Tensor, y: tf.Tensor, batchSize: number, order: number[]): { xs: tf.Tensor; ys: tf.Tensor }[] {
  if (x.shape[0] !== y.shape[0]) {
    throw new Error(`x has ${x.shape[0]} samples and y has ${y.shape[0]}: they need the same number of samples`);
  }
  const batches: { xs: tf.Tensor; ys: tf.Tensor }[] = [];
  for (let start = 0; start < order.length; start += batchSize) {
    const indices = tf.tensor1d(order.slice(start, start + batchSize), "int32");
    batches.push({ xs: tf.gather(x, indices), ys: tf.gather(y, indices) });
    indices.dispose();
  }
  return batches;
}
