// Bug: passes only the last layer'\''s weights as the var list, so the first layer never learns.
import * as tf from "@tensorflow/tfjs";

export function trainStep(model: tf.LayersModel, optimizer: tf.Optimizer, x: tf.Tensor, y: tf.Tensor): number {
  const last = model.layers[model.layers.length - 1];
  const weights = (last?.trainableWeights ?? []).map((weight) => weight.read() as tf.Variable);
  const cost = optimizer.minimize(() => tf.losses.meanSquaredError(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar, true, weights);
  const loss = cost?.dataSync()[0] ?? NaN;
  cost?.dispose();
  return loss;
}
