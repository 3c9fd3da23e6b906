// Correct: scores real and fake in one critic call on the concatenated batch, penalty by tf.grads over a closure,
// fake computed inside the loss but only the critic's variables passed to minimize().
import * as tf from "@tensorflow/tfjs";

export function criticStep(
  critic: tf.LayersModel,
  generator: tf.LayersModel,
  optimizer: tf.Optimizer,
  real: tf.Tensor,
  noise: tf.Tensor,
  alpha: tf.Tensor,
  lambda: number,
): number {
  const n = real.shape[0]!;
  const varList = critic.trainableWeights.map((w) => w.read() as tf.Variable);
  const cost = optimizer.minimize(
    () => {
      const fake = generator.apply(noise) as tf.Tensor;
      const scores = critic.apply(tf.concat([real, fake], 0)) as tf.Tensor;
      const [realScores, fakeScores] = tf.split(scores, [n, n], 0) as [tf.Tensor, tf.Tensor];
      const between = tf.addN([tf.mul(alpha, real), fake, tf.neg(tf.mul(alpha, fake))]);
      const [gradient] = tf.grads((x: tf.Tensor) => tf.sum(critic.apply(x) as tf.Tensor))([between]);
      const gp = tf.mean(tf.pow(tf.sub(tf.sqrt(tf.sum(tf.mul(gradient!, gradient!), -1)), 1), 2));
      return tf.sub(tf.add(tf.mean(fakeScores), tf.mul(gp, lambda)), tf.mean(realScores)) as tf.Scalar;
    },
    true,
    varList,
  );
  const loss = cost ? cost.dataSync()[0]! : NaN;
  cost?.dispose();
  return loss;
}
