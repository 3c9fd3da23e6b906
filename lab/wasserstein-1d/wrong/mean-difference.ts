// Bug: returns |mean(a) − mean(b)|, a lower bound that ignores the spread of the samples.
import * as tf from "@tensorflow/tfjs";

export function wasserstein1d(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const n = a.shape[a.rank - 1] ?? 0;
  const m = b.shape[b.rank - 1] ?? 0;
  if (n !== m) throw new Error(`wasserstein1d: a and b must have the same size, got ${n} and ${m}`);
  return tf.tidy(() => tf.abs(tf.sub(tf.mean(a, -1), tf.mean(b, -1))));
}
