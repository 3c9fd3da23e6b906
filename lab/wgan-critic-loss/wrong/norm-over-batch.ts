// Bug: takes one L2 norm of the whole batch's gradient instead of one norm per sample.
import * as tf from "@tensorflow/tfjs";

export function criticLoss(realScores: tf.Tensor, fakeScores: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.sub(tf.mean(fakeScores), tf.mean(realScores)));
}

export function generatorLoss(fakeScores: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.neg(tf.mean(fakeScores)));
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
    const norm = tf.norm(gradient);
    return tf.mean(tf.square(tf.sub(norm, 1)));
  });
}
