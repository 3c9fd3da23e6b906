import * as tf from "@tensorflow/tfjs";

/** Σ p·log(p/m) over the last axis, with p = 0 terms counted as 0 (m > 0 wherever p > 0). */
function klToMixture(p: tf.Tensor, m: tf.Tensor): tf.Tensor {
  // tf.sign(p) is 1 where p > 0 and 0 where p = 0, and has a gradient (0); tf.greater has none in tfjs.
  const present = tf.cast(tf.sign(p), "bool");
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
