// Bug: clips p and q to [1e-7, 1] as Keras's kl_divergence does, so p > 0 where q = 0 gives a finite KL, not +∞.
import * as tf from "@tensorflow/tfjs";

export function klDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const safeP = tf.clipByValue(p, 1e-7, 1);
    const safeQ = tf.clipByValue(q, 1e-7, 1);
    return tf.sum(tf.mul(safeP, tf.log(tf.div(safeP, safeQ))), -1);
  });
}
