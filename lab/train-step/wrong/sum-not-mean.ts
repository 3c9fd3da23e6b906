// Bug: minimizes the sum of squared errors instead of their mean: the loss and the step scale with the batch.
import * as tf from "@tensorflow/tfjs";

export function trainStep(model: tf.LayersModel, optimizer: tf.Optimizer, x: tf.Tensor, y: tf.Tensor): number {
  const weights = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const cost = optimizer.minimize(() => tf.sum(tf.squaredDifference(y, model.apply(x, { training: true }) as tf.Tensor)) as tf.Scalar, true, weights);
  const loss = cost?.dataSync()[0] ?? NaN;
  cost?.dispose();
  return loss;
}
