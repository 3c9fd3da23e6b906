// Correct: the fake batch from generator.predict outside the loss; tf.variableGrads + applyGradients; the penalty with
// tf.norm on each row; the loss read with await data().
import * as tf from "@tensorflow/tfjs";

function penalty(critic: tf.LayersModel, real: tf.Tensor, fake: tf.Tensor, alpha: tf.Tensor): tf.Scalar {
  const mixed = tf.add(fake, tf.mul(alpha, tf.sub(real, fake)));
  const gradient = tf.grad((x: tf.Tensor) => tf.sum(critic.apply(x, { training: true }) as tf.Tensor))(mixed);
  const norms = tf.norm(gradient, "euclidean", 1);
  return tf.mean(tf.square(tf.sub(norms, tf.onesLike(norms))));
}

export async function criticStep(
  critic: tf.LayersModel,
  generator: tf.LayersModel,
  optimizer: tf.Optimizer,
  real: tf.Tensor,
  noise: tf.Tensor,
  alpha: tf.Tensor,
  lambda: number,
): Promise<number> {
  const fake = generator.predict(noise) as tf.Tensor;
  const variables = critic.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => {
    const fakeScore = tf.mean(critic.apply(fake, { training: true }) as tf.Tensor);
    const realScore = tf.mean(critic.apply(real, { training: true }) as tf.Tensor);
    return tf.addN([fakeScore, tf.neg(realScore), tf.mul(tf.scalar(lambda), penalty(critic, real, fake, alpha))]) as tf.Scalar;
  }, variables);
  optimizer.applyGradients(grads);
  tf.dispose([grads, fake]);
  const [loss] = await value.data();
  value.dispose();
  return loss ?? NaN;
}
