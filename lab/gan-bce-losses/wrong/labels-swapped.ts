// Bug: the discriminator gives label 0 to real logits and 1 to fake ones.
import * as tf from "@tensorflow/tfjs";

export function discriminatorLoss(realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const realLoss = tf.mean(tf.softplus(realLogits));
    const fakeLoss = tf.mean(tf.softplus(tf.neg(fakeLogits)));
    return tf.mul(0.5, tf.add(realLoss, fakeLoss));
  });
}

export function generatorLoss(fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.softplus(tf.neg(fakeLogits))));
}
