// Bug: keeps only the terms where both p > 0 and q > 0, so mass of P where q = 0 is dropped instead of giving +∞.
import * as tf from "@tensorflow/tfjs";

export function klDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const both = tf.mul(tf.sign(p), tf.sign(q)); // 1 where both are positive, else 0
    const safeP = tf.add(tf.mul(p, both), tf.sub(1, both));
    const safeQ = tf.add(tf.mul(q, both), tf.sub(1, both));
    return tf.sum(tf.mul(tf.mul(p, both), tf.log(tf.div(safeP, safeQ))), -1);
  });
}
