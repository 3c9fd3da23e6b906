// Bug: never disposes the cost tensor minimize() returns: one tensor leaks per step.
import * as tf from "@tensorflow/tfjs";

export function trainStep(model: tf.LayersModel, optimizer: tf.Optimizer, x: tf.Tensor, y: tf.Tensor): number {
  const weights = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const cost = optimizer.minimize(() => tf.losses.meanSquaredError(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar, true, weights);
  return cost?.dataSync()[0] ?? NaN;
}
