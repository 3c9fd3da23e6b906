// Bug: returns the loss recomputed after the update instead of the loss the step minimized.
import * as tf from "@tensorflow/tfjs";

export function trainStep(model: tf.LayersModel, optimizer: tf.Optimizer, x: tf.Tensor, y: tf.Tensor): number {
  const weights = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  optimizer.minimize(() => tf.losses.meanSquaredError(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar, false, weights);
  return tf.tidy(() => tf.losses.meanSquaredError(y, model.apply(x) as tf.Tensor).dataSync()[0] ?? NaN);
}
