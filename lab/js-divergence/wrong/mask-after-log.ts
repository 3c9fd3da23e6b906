// Bug: masks the zero terms after the log: the value is right, but where p = q = 0 the gradient is 0·∞ = NaN.
import * as tf from "@tensorflow/tfjs";

function klToMixture(p: tf.Tensor, m: tf.Tensor): tf.Tensor {
  const terms = tf.mul(p, tf.log(tf.div(p, m)));
  return tf.sum(tf.where(tf.cast(tf.sign(p), "bool"), terms, tf.zerosLike(terms)), -1);
}

export function jsDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const m = tf.mul(0.5, tf.add(p, q));
    return tf.mul(0.5, tf.add(klToMixture(p, m), klToMixture(q, m)));
  });
}
