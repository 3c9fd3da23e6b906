// Bug: computes the loss but never applies an update: the weights never change.
import * as tf from "@tensorflow/tfjs";

export function trainStep(model: tf.LayersModel, optimizer: tf.Optimizer, x: tf.Tensor, y: tf.Tensor): number {
  return tf.tidy(() => {
    const prediction = model.apply(x, { training: true }) as tf.Tensor;
    return tf.losses.meanSquaredError(y, prediction).dataSync()[0] ?? NaN;
  });
}
