import * as tf from "@tensorflow/tfjs";

/** mean(fake) − mean(real), minimized by the critic. */
export function criticLoss(realScores: tf.Tensor, fakeScores: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.sub(tf.mean(fakeScores), tf.mean(realScores)));
}

/** −mean(fake), minimized by the generator. */
export function generatorLoss(fakeScores: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.neg(tf.mean<tf.Scalar>(fakeScores)));
}

/** mean over the batch of (‖∇D(x̂)‖₂ − 1)², with x̂ = α·real + (1 − α)·fake. */
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
