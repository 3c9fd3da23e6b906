// Bug: computes KL(Q‖P) — the arguments are swapped inside the formula.
import * as tf from "@tensorflow/tfjs";

export function klDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const present = tf.greater(q, 0);
    const safeP = tf.where(present, p, tf.onesLike(p));
    const safeQ = tf.where(present, q, tf.onesLike(q));
    return tf.sum(tf.where(present, tf.mul(q, tf.log(tf.div(safeQ, safeP))), tf.zerosLike(q)), -1);
  });
}
