// Bug: computes p·(log p − log m) with no guard, so a zero in p gives 0·(−∞) = NaN.
import * as tf from "@tensorflow/tfjs";

export function jsDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const m = tf.mul(0.5, tf.add(p, q));
    const logM = tf.log(m);
    const klPM = tf.sum(tf.mul(p, tf.sub(tf.log(p), logM)), -1);
    const klQM = tf.sum(tf.mul(q, tf.sub(tf.log(q), logM)), -1);
    return tf.mul(0.5, tf.add(klPM, klQM));
  });
}
