// Bug: sums the per-sample losses instead of averaging them, so the loss grows with the batch size.
import * as tf from "@tensorflow/tfjs";

export function discriminatorLoss(realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mul(0.5, tf.add(tf.sum(tf.softplus(tf.neg(realLogits))), tf.sum(tf.softplus(fakeLogits)))));
}

export function generatorLoss(fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.softplus(tf.neg(fakeLogits))));
}
