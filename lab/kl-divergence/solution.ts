import * as tf from "@tensorflow/tfjs";

/** KL(P‖Q) = Σ p·log(p/q) over the last axis, in nats; terms with p = 0 count as 0; p > 0 where q = 0 gives +∞. */
export function klDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    // tf.sign(p) is 1 where p > 0 and 0 where p = 0, and has a gradient (0); tf.greater has none in tfjs.
    const present = tf.cast(tf.sign(p), "bool");
    // Replace the p = 0 entries by 1/1 before the log, so log(0/0) never happens, in the value or in its gradient.
    const safeP = tf.where(present, p, tf.onesLike(p));
    const safeQ = tf.where(present, q, tf.onesLike(q));
    return tf.sum(tf.mul(p, tf.log(tf.div(safeP, safeQ))), -1);
  });
}
