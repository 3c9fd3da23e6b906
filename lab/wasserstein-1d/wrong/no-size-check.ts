// Bug: never checks that the samples have the same size, so a mismatch fails deep inside tf with an unrelated message.
import * as tf from "@tensorflow/tfjs";

export function wasserstein1d(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const sortedA = tf.topk(a, a.shape[a.rank - 1]).values;
    const sortedB = tf.topk(b, b.shape[b.rank - 1]).values;
    return tf.mean(tf.abs(tf.sub(sortedA, sortedB)), -1);
  });
}
