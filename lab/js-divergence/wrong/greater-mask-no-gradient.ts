// Bug: masks with tf.greater, which has no gradient in tfjs: JS cannot be differentiated with respect to p or q.
import * as tf from "@tensorflow/tfjs";

/** Σ p·log(p/m) over the last axis, with p = 0 terms counted as 0 (m > 0 wherever p > 0). */
function klToMixture(p: tf.Tensor, m: tf.Tensor): tf.Tensor {
  const present = tf.greater(p, 0);
  const ratio = tf.div(tf.where(present, p, tf.onesLike(p)), tf.where(present, m, tf.onesLike(m)));
  return tf.sum(tf.mul(p, tf.log(ratio)), -1);
}

/** JS(P, Q) = ½·KL(P‖M) + ½·KL(Q‖M), M = ½(P + Q), over the last axis, in nats. */
export function jsDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const m = tf.mul(0.5, tf.add(p, q));
    return tf.mul(0.5, tf.add(klToMixture(p, m), klToMixture(q, m)));
  });
}
