import * as tf from "@tensorflow/tfjs";

/** ½·(mean BCE(real logits, 1) + mean BCE(fake logits, 0)), computed from logits. */
export function discriminatorLoss(realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar {
  throw new Error("Not implemented");
}

/** mean BCE(fake logits, 1): the non-saturating generator loss. */
export function generatorLoss(fakeLogits: tf.Tensor): tf.Scalar {
  throw new Error("Not implemented");
}
