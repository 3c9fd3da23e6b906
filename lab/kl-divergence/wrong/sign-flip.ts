// Bug: uses log(q/p) instead of log(p/q), so the divergence comes out negative.
import * as tf from "@tensorflow/tfjs";

export function klDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const present = tf.greater(p, 0);
    const safeP = tf.where(present, p, tf.onesLike(p));
    const safeQ = tf.where(present, q, tf.onesLike(q));
    return tf.sum(tf.where(present, tf.mul(p, tf.log(tf.div(safeQ, safeP))), tf.zerosLike(p)), -1);
  });
}
