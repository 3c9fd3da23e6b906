// Bug: computes p·(log p − log q) with no guard, so a p = 0 entry gives 0·(−∞) = NaN.
import * as tf from "@tensorflow/tfjs";

export function klDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.sum(tf.mul(p, tf.sub(tf.log(p), tf.log(q))), -1));
}
