// Bug: averages squared differences of the sorted samples (that is W2², not W1).
import * as tf from "@tensorflow/tfjs";

export function wasserstein1d(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const n = a.shape[a.rank - 1] ?? 0;
  const m = b.shape[b.rank - 1] ?? 0;
  if (n !== m) throw new Error(`wasserstein1d: a and b must have the same size, got ${n} and ${m}`);
  return tf.tidy(() => tf.mean(tf.square(tf.sub(tf.topk(a, n).values, tf.topk(b, n).values)), -1));
}
