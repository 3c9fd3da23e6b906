// Bug: applies tf.sigmoid and then sigmoidCrossEntropy, which expects logits: the sigmoid is applied twice.
import * as tf from "@tensorflow/tfjs";

export function discriminatorLoss(realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const realLoss = tf.losses.sigmoidCrossEntropy(tf.onesLike(realLogits), tf.sigmoid(realLogits));
    const fakeLoss = tf.losses.sigmoidCrossEntropy(tf.zerosLike(fakeLogits), tf.sigmoid(fakeLogits));
    return tf.mul(0.5, tf.add(realLoss, fakeLoss));
  });
}

export function generatorLoss(fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.losses.sigmoidCrossEntropy(tf.onesLike(fakeLogits), tf.sigmoid(fakeLogits)) as tf.Scalar);
}
