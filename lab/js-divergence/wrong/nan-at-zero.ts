// Bug: computes p·log(p/m) directly, so a zero in p gives 0·log(0) = NaN.
import * as tf from "@tensorflow/tfjs";

export function jsDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const m = tf.mul(0.5, tf.add(p, q));
    const klPM = tf.sum(tf.mul(p, tf.log(tf.div(p, m))), -1);
    const klQM = tf.sum(tf.mul(q, tf.log(tf.div(q, m))), -1);
    return tf.mul(0.5, tf.add(klPM, klQM));
  });
}
