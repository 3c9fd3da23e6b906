// Correct: minimize() without a var list (it differentiates every trainable variable the loss uses), inside a tidy.
import * as tf from "@tensorflow/tfjs";

export function trainStep(model: tf.LayersModel, optimizer: tf.Optimizer, x: tf.Tensor, y: tf.Tensor): number {
  return tf.tidy(() => {
    const lossFn = (): tf.Scalar => {
      const prediction = model.apply(x, { training: true }) as tf.Tensor;
      return tf.losses.meanSquaredError(y, prediction) as tf.Scalar;
    };
    const cost = optimizer.minimize(lossFn, true);
    return cost ? cost.arraySync() : NaN;
  });
}
