// Correct: tf.losses.sigmoidCrossEntropy (stable, from logits) with label tensors; averaged with tf.addN.
import * as tf from "@tensorflow/tfjs";

const bce = (logits: tf.Tensor, label: 0 | 1): tf.Scalar =>
  tf.losses.sigmoidCrossEntropy(label === 1 ? tf.onesLike(logits) : tf.zerosLike(logits), logits) as tf.Scalar;

export function discriminatorLoss(realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.addN([bce(realLogits, 1), bce(fakeLogits, 0)]).div(2) as tf.Scalar);
}

export function generatorLoss(fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => bce(fakeLogits, 1));
}
