// Bug: updates by hand with the wrong sign, w + lr·g: gradient ascent (and it bypasses the optimizer).
import * as tf from "@tensorflow/tfjs";

export function trainStep(model: tf.LayersModel, optimizer: tf.Optimizer, x: tf.Tensor, y: tf.Tensor): number {
  const weights = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const learningRate = (optimizer as unknown as { learningRate: number }).learningRate;
  const { value, grads } = tf.variableGrads(() => tf.losses.meanSquaredError(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar, weights);
  tf.tidy(() => {
    for (const weight of weights) {
      const grad = grads[weight.name];
      if (grad) weight.assign(tf.add(weight, tf.mul(learningRate, grad)));
    }
  });
  tf.dispose(grads);
  const loss = value.dataSync()[0] ?? NaN;
  value.dispose();
  return loss;
}
