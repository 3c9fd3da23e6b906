// Bug: calls model.predict inside the loss, which runs the model in inference mode (no dropout, BatchNorm's moving statistics).
import * as tf from "@tensorflow/tfjs";

export function trainStep(model: tf.LayersModel, optimizer: tf.Optimizer, x: tf.Tensor, y: tf.Tensor): number {
  const weights = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const cost = optimizer.minimize(() => tf.losses.meanSquaredError(y, model.predict(x) as tf.Tensor) as tf.Scalar, true, weights);
  if (cost === null) throw new Error("minimize() returned no cost");
  const loss = cost.dataSync()[0] ?? NaN;
  cost.dispose();
  return loss;
}
