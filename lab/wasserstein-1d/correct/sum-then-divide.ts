// Correct: chained ops inside tidy, sum of absolute differences divided by n, sizes compared up front.
import * as tf from "@tensorflow/tfjs";

export const wasserstein1d = (a: tf.Tensor, b: tf.Tensor): tf.Tensor => {
  const n = a.shape[a.shape.length - 1] ?? 0;
  if (b.shape[b.shape.length - 1] !== n) {
    throw new Error(`Samples must have the same size: a has ${n} values, b has ${b.shape[b.shape.length - 1]}`);
  }
  return tf.tidy(() => tf.topk(a, n).values.sub(tf.topk(b, n).values).abs().sum(-1).div(n));
};
