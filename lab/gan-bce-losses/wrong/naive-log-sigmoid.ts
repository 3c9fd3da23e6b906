// Bug: computes −log(σ(ℓ)) and −log(1 − σ(ℓ)) directly: log(0) = −Infinity for confident logits.
import * as tf from "@tensorflow/tfjs";

export function discriminatorLoss(realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const realLoss = tf.mean(tf.neg(tf.log(tf.sigmoid(realLogits))));
    const fakeLoss = tf.mean(tf.neg(tf.log(tf.sub(1, tf.sigmoid(fakeLogits)))));
    return tf.mul(0.5, tf.add(realLoss, fakeLoss));
  });
}

export function generatorLoss(fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.neg(tf.log(tf.sigmoid(fakeLogits)))));
}
