// Bug: trains the generator with label 0 for its fakes, i.e. it helps the discriminator reject them.
import * as tf from "@tensorflow/tfjs";

export function discriminatorLoss(realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const realLoss = tf.mean(tf.softplus(tf.neg(realLogits)));
    const fakeLoss = tf.mean(tf.softplus(fakeLogits));
    return tf.mul(0.5, tf.add(realLoss, fakeLoss));
  });
}

export function generatorLoss(fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.softplus(fakeLogits)));
}
