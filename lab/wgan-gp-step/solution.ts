import * as tf from "@tensorflow/tfjs";

/**
 * One WGAN-GP critic step: loss = mean D(fake) − mean D(real) + λ·GP with fake = G(noise), minimized over the critic's
 * trainable weights only; returns the loss before the update.
 */
export function criticStep(
  critic: tf.LayersModel,
  generator: tf.LayersModel,
  optimizer: tf.Optimizer,
  real: tf.Tensor,
  noise: tf.Tensor,
  alpha: tf.Tensor,
  lambda: number,
): number {
  const criticWeights = critic.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const score = (x: tf.Tensor) => critic.apply(x, { training: true }) as tf.Tensor;
  const cost = optimizer.minimize(
    () => {
      const fake = generator.apply(noise, { training: false }) as tf.Tensor;
      const wasserstein = tf.sub(tf.mean(score(fake)), tf.mean(score(real)));
      const interpolated = tf.add(tf.mul(alpha, real), tf.mul(tf.sub(1, alpha), fake));
      const gradient = tf.grad((x: tf.Tensor) => tf.sum(score(x)))(interpolated);
      const norms = tf.sqrt(tf.sum(tf.square(gradient), 1));
      const penalty = tf.mean(tf.square(tf.sub(norms, 1)));
      return tf.add(wasserstein, tf.mul(lambda, penalty)) as tf.Scalar;
    },
    true,
    criticWeights,
  );
  if (cost === null) throw new Error("minimize() returned no cost");
  const loss = cost.dataSync()[0] ?? NaN;
  cost.dispose();
  return loss;
}
