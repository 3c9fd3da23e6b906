// Correct: tf.split with explicit (unequal) sizes, the shuffled copies disposed by hand.
import * as tf from "@tensorflow/tfjs";

export function makeBatches(x: tf.Tensor, y: tf.Tensor, batchSize: number, order: number[]): { xs: tf.Tensor; ys: tf.Tensor }[] {
  const n = x.shape[0] ?? 0;
  if (y.shape[0] !== n) throw new Error("makeBatches: x and y need the same number of samples");
  const sizes: number[] = [];
  for (let remaining = n; remaining > 0; remaining -= batchSize) sizes.push(Math.min(batchSize, remaining));
  const indices = tf.tensor1d(order, "int32");
  const shuffledX = x.gather(indices);
  const shuffledY = y.gather(indices);
  const xParts = tf.split(shuffledX, sizes);
  const yParts = tf.split(shuffledY, sizes);
  tf.dispose([indices, shuffledX, shuffledY]);
  return xParts.map((xs, b) => ({ xs, ys: yParts[b] as tf.Tensor }));
}
