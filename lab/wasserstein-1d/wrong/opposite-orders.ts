// Bug: sorts a descending (topk) but b ascending (topk of −b), pairing the largest with the smallest.
import * as tf from "@tensorflow/tfjs";

export function wasserstein1d(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const n = a.shape[a.rank - 1] ?? 0;
  const m = b.shape[b.rank - 1] ?? 0;
  if (n !== m) throw new Error(`wasserstein1d: a and b must have the same size, got ${n} and ${m}`);
  return tf.tidy(() => {
    const sortedA = tf.topk(a, n).values;
    const sortedB = tf.neg(tf.topk(tf.neg(b), n).values);
    return tf.mean(tf.abs(tf.sub(sortedA, sortedB)), -1);
  });
}
