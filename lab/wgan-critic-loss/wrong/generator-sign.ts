// Bug: the generator loss is +mean(fake): minimizing it pushes the critic's scores on fakes down.
import * as tf from "@tensorflow/tfjs";

export function criticLoss(realScores: tf.Tensor, fakeScores: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.sub(tf.mean(fakeScores), tf.mean(realScores)));
}

export function generatorLoss(fakeScores: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(fakeScores));
}

export function gradientPenalty(
  critic: (x: tf.Tensor) => tf.Tensor,
  real: tf.Tensor,
  fake: tf.Tensor,
  alpha: tf.Tensor,
): tf.Scalar {
  return tf.tidy(() => {
    const interpolated = tf.add(tf.mul(alpha, real), tf.mul(tf.sub(1, alpha), fake));
    const gradient = tf.grad((x: tf.Tensor) => tf.sum(critic(x)))(interpolated);
    const sampleAxes = Array.from({ length: gradient.rank - 1 }, (_, i) => i + 1);
    const norms = tf.sqrt(tf.sum(tf.square(gradient), sampleAxes));
    return tf.mean(tf.square(tf.sub(norms, 1)));
  });
}
