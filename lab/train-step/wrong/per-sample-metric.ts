// Bug: uses tf.metrics.meanSquaredError, a per-sample [batch] vector, as the loss: minimize() needs a scalar.
import * as tf from "@tensorflow/tfjs";

export function trainStep(model: tf.LayersModel, optimizer: tf.Optimizer, x: tf.Tensor, y: tf.Tensor): number {
  const weights = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const cost = optimizer.minimize(() => tf.metrics.meanSquaredError(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar, true, weights);
  const loss = cost?.dataSync()[0] ?? NaN;
  cost?.dispose();
  return loss;
}
