// Bug: finishes the gradient penalty in plain JavaScript (norms from dataSync()), so it cannot train the critic.
import * as tf from "@tensorflow/tfjs";

export function criticLoss(realScores: tf.Tensor, fakeScores: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.sub(tf.mean(fakeScores), tf.mean(realScores)));
}

export function generatorLoss(fakeScores: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.neg(tf.mean<tf.Scalar>(fakeScores)));
}

export function gradientPenalty(critic: (x: tf.Tensor) => tf.Tensor, real: tf.Tensor, fake: tf.Tensor, alpha: tf.Tensor): tf.Scalar {
  const values = tf.tidy(() => {
    const interpolated = tf.add(tf.mul(alpha, real), tf.mul(tf.sub(1, alpha), fake));
    const gradient = tf.grad((x: tf.Tensor) => tf.sum(critic(x)))(interpolated);
    return gradient.reshape([gradient.shape[0] ?? 1, -1]).dataSync();
  });
  const batch = real.shape[0] ?? 1;
  const size = values.length / batch;
  let total = 0;
  for (let i = 0; i < batch; i++) {
    let squares = 0;
    for (let j = i * size; j < (i + 1) * size; j++) squares += values[j]! ** 2;
    total += (Math.sqrt(squares) - 1) ** 2;
  }
  return tf.scalar(total / batch);
}
