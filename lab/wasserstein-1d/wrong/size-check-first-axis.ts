// Bug: compares the sizes of the first axis (the batch for [batch, n]) instead of the last one, the samples' size.
import * as tf from "@tensorflow/tfjs";

export function wasserstein1d(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  if (a.shape[0] !== b.shape[0]) throw new Error(`wasserstein1d: a and b must have the same size, got ${a.shape[0]} and ${b.shape[0]}`);
  const n = a.shape[a.rank - 1] ?? 0;
  return tf.tidy(() => tf.mean(tf.abs(tf.sub(tf.topk(a, n).values, tf.topk(b, n).values)), -1));
}
