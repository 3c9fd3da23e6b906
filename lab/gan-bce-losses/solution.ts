import * as tf from "@tensorflow/tfjs";

/** ½·(mean BCE(real logits, 1) + mean BCE(fake logits, 0)), computed from logits. */
export function discriminatorLoss(realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const realLoss = tf.mean(tf.softplus(tf.neg(realLogits))); // BCE(ℓ, 1) = softplus(−ℓ)
    const fakeLoss = tf.mean(tf.softplus(fakeLogits)); // BCE(ℓ, 0) = softplus(ℓ)
    return tf.mul(0.5, tf.add(realLoss, fakeLoss));
  });
}

/** mean BCE(fake logits, 1): the non-saturating generator loss. */
export function generatorLoss(fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean<tf.Scalar>(tf.softplus(tf.neg(fakeLogits))));
}
