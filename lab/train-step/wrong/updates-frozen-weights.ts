// Bug: sets model.trainable = true to "enter training mode" (PyTorch's model.train()), which marks the frozen layer's variables trainable again, and minimize() without a var list then updates them.
import * as tf from "@tensorflow/tfjs";

export function trainStep(model: tf.LayersModel, optimizer: tf.Optimizer, x: tf.Tensor, y: tf.Tensor): number {
  model.trainable = true;
  const cost = optimizer.minimize(() => tf.losses.meanSquaredError(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar, true);
  const loss = cost?.dataSync()[0] ?? NaN;
  cost?.dispose();
  return loss;
}
