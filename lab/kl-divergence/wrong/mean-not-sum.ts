// Bug: averages the terms over the last axis (tf.mean) instead of summing them.
import * as tf from "@tensorflow/tfjs";

export function klDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const present = tf.greater(p, 0);
    const safeP = tf.where(present, p, tf.onesLike(p));
    const safeQ = tf.where(present, q, tf.onesLike(q));
    return tf.mean(tf.where(present, tf.mul(p, tf.log(tf.div(safeP, safeQ))), tf.zerosLike(p)), -1);
  });
}
