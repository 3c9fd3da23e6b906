// Bug: averages KL(P‖Q) and KL(Q‖P) (a symmetrised KL) instead of comparing both to the mixture M.
import * as tf from "@tensorflow/tfjs";

function klTo(p: tf.Tensor, m: tf.Tensor): tf.Tensor {
  const present = tf.greater(p, 0);
  const ratio = tf.div(tf.where(present, p, tf.onesLike(p)), tf.where(present, m, tf.onesLike(m)));
  return tf.sum(tf.mul(p, tf.log(ratio)), -1);
}

export function jsDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mul(0.5, tf.add(klTo(p, q), klTo(q, p))));
}
