// Bug: masks the p = 0 terms after the log: the value is right, but the gradient there is 0·∞ = NaN.
import * as tf from "@tensorflow/tfjs";

export function klDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const present = tf.cast(tf.sign(p), "bool"); // a mask with a gradient, but applied too late
    const terms = tf.mul(p, tf.log(tf.div(p, q)));
    return tf.sum(tf.where(present, terms, tf.zerosLike(terms)), -1);
  });
}
