// Bug: no tf.tidy in discriminatorLoss: the negated logits, softplus values and partial means leak.
import * as tf from "@tensorflow/tfjs";

export function discriminatorLoss(realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar {
  const realLoss = tf.mean(tf.softplus(tf.neg(realLogits)));
  const fakeLoss = tf.mean(tf.softplus(fakeLogits));
  return tf.mul(0.5, tf.add(realLoss, fakeLoss));
}

export function generatorLoss(fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.softplus(tf.neg(fakeLogits))));
}
