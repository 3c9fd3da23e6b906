// Correct: tf.valueAndGrad inside tidy, tf.euclideanNorm of each flattened sample, losses through a shared helper.
import * as tf from "@tensorflow/tfjs";

const meanOf = (scores: tf.Tensor) => tf.mean(scores) as tf.Scalar;

export const criticLoss = (realScores: tf.Tensor, fakeScores: tf.Tensor): tf.Scalar =>
  tf.tidy(() => meanOf(fakeScores).sub(meanOf(realScores)));

export const generatorLoss = (fakeScores: tf.Tensor): tf.Scalar => tf.tidy(() => meanOf(fakeScores).mul(-1));

export function gradientPenalty(
  critic: (x: tf.Tensor) => tf.Tensor,
  real: tf.Tensor,
  fake: tf.Tensor,
  alpha: tf.Tensor,
): tf.Scalar {
  return tf.tidy(() => {
    const oneMinusAlpha = tf.onesLike(alpha).sub(alpha);
    const interpolated = alpha.mul(real).add(oneMinusAlpha.mul(fake));
    const { grad } = tf.valueAndGrad((x: tf.Tensor) => critic(x).sum() as tf.Scalar)(interpolated);
    // tf.euclideanNorm takes at most two axes: flatten each sample first.
    const perSample = grad.reshape([grad.shape[0] ?? 1, -1]);
    const norms = tf.euclideanNorm(perSample, 1);
    return norms.sub(1).square().mean() as tf.Scalar;
  });
}
