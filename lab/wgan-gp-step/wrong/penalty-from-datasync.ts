// Bug: computes the penalty outside the minimized function and adds its value back with tf.scalar(…dataSync()): the loss is right, but the penalty has no gradient.
import * as tf from "@tensorflow/tfjs";

export function criticStep(critic: tf.LayersModel, generator: tf.LayersModel, optimizer: tf.Optimizer, real: tf.Tensor, noise: tf.Tensor, alpha: tf.Tensor, lambda: number): number {
  const vars = critic.trainableWeights.map((w) => w.read() as tf.Variable);
  const fake = generator.predict(noise) as tf.Tensor;
  const score = (x: tf.Tensor) => critic.apply(x) as tf.Tensor;
  const gpValue = tf.tidy(() => {
    const xHat = tf.add(tf.mul(alpha, real), tf.mul(tf.sub(1, alpha), fake));
    const g = tf.grad((x: tf.Tensor) => tf.sum(score(x)))(xHat);
    return tf.mean(tf.square(tf.sub(tf.sqrt(tf.sum(tf.square(g), 1)), 1))).dataSync()[0]!;
  });
  const cost = optimizer.minimize(
    () => tf.add(tf.sub(tf.mean(score(fake)), tf.mean(score(real))), tf.scalar(lambda * gpValue)) as tf.Scalar,
    true,
    vars,
  );
  fake.dispose();
  const loss = cost!.dataSync()[0]!;
  cost!.dispose();
  return loss;
}
