// Bug: computes the discriminator's loss in plain JavaScript from dataSync() and wraps it in tf.scalar: no gradient.
import * as tf from "@tensorflow/tfjs";

const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
const meanOf = (values: Float32Array | Int32Array | Uint8Array, f: (x: number) => number) =>
  Array.from(values).reduce((sum, x) => sum + f(x), 0) / values.length;

export function discriminatorLoss(realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar {
  const real = meanOf(realLogits.dataSync(), (l) => softplus(-l));
  const fake = meanOf(fakeLogits.dataSync(), (l) => softplus(l));
  return tf.scalar(0.5 * (real + fake));
}

export function generatorLoss(fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean<tf.Scalar>(tf.softplus(tf.neg(fakeLogits))));
}
