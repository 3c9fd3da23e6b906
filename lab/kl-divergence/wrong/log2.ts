// Bug: uses log base 2 (bits) instead of the natural log (nats): every value is 1.44× too large.
import * as tf from "@tensorflow/tfjs";

export function klDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const present = tf.greater(p, 0);
    const safeP = tf.where(present, p, tf.onesLike(p));
    const safeQ = tf.where(present, q, tf.onesLike(q));
    const log2 = tf.div(tf.log(tf.div(safeP, safeQ)), Math.LN2);
    return tf.sum(tf.where(present, tf.mul(p, log2), tf.zerosLike(p)), -1);
  });
}
