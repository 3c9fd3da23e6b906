import * as tf from "@tensorflow/tfjs";

/** W1 between two equal-size samples: mean |sort(a) − sort(b)| over the last axis. */
export function wasserstein1d(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const n = a.shape[a.rank - 1] ?? 0;
  const m = b.shape[b.rank - 1] ?? 0;
  if (n !== m) throw new Error(`wasserstein1d: a and b must have the same size, got ${n} and ${m}`);
  return tf.tidy(() => {
    const sortedA = tf.topk(a, n).values; // descending; the same order for both is all that matters
    const sortedB = tf.topk(b, n).values;
    return tf.mean(tf.abs(tf.sub(sortedA, sortedB)), -1);
  });
}
