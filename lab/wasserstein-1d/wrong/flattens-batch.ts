// Bug: flattens the batch and sorts all values together, returning one scalar for the whole batch.
import * as tf from "@tensorflow/tfjs";

export function wasserstein1d(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const n = a.shape[a.rank - 1] ?? 0;
  const m = b.shape[b.rank - 1] ?? 0;
  if (n !== m) throw new Error(`wasserstein1d: a and b must have the same size, got ${n} and ${m}`);
  return tf.tidy(() => {
    const flatA = tf.reshape(a, [-1]);
    const flatB = tf.reshape(b, [-1]);
    const size = flatA.shape[0] ?? 0;
    return tf.mean(tf.abs(tf.sub(tf.topk(flatA, size).values, tf.topk(flatB, size).values)));
  });
}
