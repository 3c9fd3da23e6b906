// Bug: computes p * log(p / q) directly, so a p = 0 entry gives 0 * -Infinity (or 0 * log(0/0)) = NaN.
import * as tf from "@tensorflow/tfjs";

export function klDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.sum(tf.mul(p, tf.log(tf.div(p, q))), -1));
}
