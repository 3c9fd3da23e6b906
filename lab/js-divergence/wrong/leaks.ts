// Bug: no tf.tidy: the mixture, masks, ratios, logs and partial sums all leak.
import * as tf from "@tensorflow/tfjs";

function klTo(p: tf.Tensor, m: tf.Tensor): tf.Tensor {
  const present = tf.greater(p, 0);
  const ratio = tf.div(tf.where(present, p, tf.onesLike(p)), tf.where(present, m, tf.onesLike(m)));
  return tf.sum(tf.mul(p, tf.log(ratio)), -1);
}

export function jsDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  const m = tf.mul(0.5, tf.add(p, q));
  return tf.mul(0.5, tf.add(klTo(p, m), klTo(q, m)));
}
