// Bug: no tf.tidy and no dispose: every intermediate tensor (mask, safe inputs, ratio, log, terms) leaks.
import * as tf from "@tensorflow/tfjs";

export function klDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  const present = tf.greater(p, 0);
  const safeP = tf.where(present, p, tf.onesLike(p));
  const safeQ = tf.where(present, q, tf.onesLike(q));
  const terms = tf.where(present, tf.mul(p, tf.log(tf.div(safeP, safeQ))), tf.zerosLike(p));
  return tf.sum(terms, -1);
}
