import * as tf from "@tensorflow/tfjs";

/** One optimizer step on the MSE of model(x) vs y, over the model's trainable weights; returns the loss before it. */
export function trainStep(model: tf.LayersModel, optimizer: tf.Optimizer, x: tf.Tensor, y: tf.Tensor): number {
  const weights = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const cost = optimizer.minimize(
    () => tf.losses.meanSquaredError(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
    true,
    weights,
  );
  if (cost === null) throw new Error("minimize() returned no cost");
  const loss = cost.dataSync()[0] ?? NaN;
  cost.dispose();
  return loss;
}
