// Bug: no tf.tidy: both topk results (values and indices), the difference and the absolute values leak.
import * as tf from "@tensorflow/tfjs";

export function wasserstein1d(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const n = a.shape[a.rank - 1] ?? 0;
  const m = b.shape[b.rank - 1] ?? 0;
  if (n !== m) throw new Error(`wasserstein1d: a and b must have the same size, got ${n} and ${m}`);
  const sortedA = tf.topk(a, n).values;
  const sortedB = tf.topk(b, n).values;
  return tf.mean(tf.abs(tf.sub(sortedA, sortedB)), -1);
}
