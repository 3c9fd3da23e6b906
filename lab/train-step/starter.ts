import * as tf from "@tensorflow/tfjs";

/** One optimizer step on the MSE of model(x) vs y, over the model's trainable weights; returns the loss before it. */
export function trainStep(model: tf.LayersModel, optimizer: tf.Optimizer, x: tf.Tensor, y: tf.Tensor): number | Promise<number> {
  throw new Error("Not implemented");
}
