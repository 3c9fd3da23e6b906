// Correct: async; tf.variableGrads + optimizer.applyGradients, forward pass in a tidy, the loss read with await data().
import * as tf from "@tensorflow/tfjs";

export async function trainStep(model: tf.LayersModel, optimizer: tf.Optimizer, x: tf.Tensor, y: tf.Tensor): Promise<number> {
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(
    () => tf.tidy(() => tf.mean(tf.square(tf.sub(model.apply(x, { training: true }) as tf.Tensor, y))) as tf.Scalar),
    variables,
  );
  optimizer.applyGradients(grads);
  tf.dispose(grads);
  const [loss] = await value.data();
  value.dispose();
  return loss ?? NaN;
}
