// Bug: masks with tf.greater, which has no gradient in tfjs: KL cannot be differentiated with respect to p.
import * as tf from "@tensorflow/tfjs";

/** KL(P‖Q) = Σ p·log(p/q) over the last axis, in nats; terms with p = 0 count as 0. */
export function klDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const present = tf.greater(p, 0);
    // Replace the p = 0 entries by 1/1 before the log, so log(0/0) never happens.
    const safeP = tf.where(present, p, tf.onesLike(p));
    const safeQ = tf.where(present, q, tf.onesLike(q));
    const terms = tf.where(present, tf.mul(p, tf.log(tf.div(safeP, safeQ))), tf.zerosLike(p));
    return tf.sum(terms, -1);
  });
}
