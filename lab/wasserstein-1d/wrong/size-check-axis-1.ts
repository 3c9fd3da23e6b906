// Bug: reads the samples' size from axis 1 (assuming [batch, n]), so a rank-3 mismatch is never caught.
import * as tf from "@tensorflow/tfjs";

export function wasserstein1d(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const n = a.shape[1] ?? a.shape[0] ?? 0;
  const m = b.shape[1] ?? b.shape[0] ?? 0;
  if (n !== m) throw new Error(`wasserstein1d: a and b must have the same size, got ${n} and ${m}`);
  const k = a.shape[a.rank - 1] ?? 0;
  return tf.tidy(() => tf.mean(tf.abs(tf.sub(tf.topk(a, k).values, tf.topk(b, k).values)), -1));
}
