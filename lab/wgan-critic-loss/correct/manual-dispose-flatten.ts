// Correct: no tidy; flattens each sample's gradient to [batch, n] and uses tf.norm on axis 1; disposes by hand.
import * as tf from "@tensorflow/tfjs";

export function criticLoss(realScores: tf.Tensor, fakeScores: tf.Tensor): tf.Scalar {
  const meanFake = fakeScores.mean();
  const meanReal = realScores.mean();
  const loss = meanFake.sub(meanReal) as tf.Scalar;
  meanFake.dispose();
  meanReal.dispose();
  return loss;
}

export function generatorLoss(fakeScores: tf.Tensor): tf.Scalar {
  const meanFake = fakeScores.mean();
  const loss = meanFake.neg() as tf.Scalar;
  meanFake.dispose();
  return loss;
}

export function gradientPenalty(
  critic: (x: tf.Tensor) => tf.Tensor,
  real: tf.Tensor,
  fake: tf.Tensor,
  alpha: tf.Tensor,
): tf.Scalar {
  // x̂ = fake + α·(real − fake), the same point written differently
  const difference = real.sub(fake);
  const step = alpha.mul(difference);
  const interpolated = fake.add(step);
  const gradient = tf.grad((x) => critic(x).sum())(interpolated);
  const flat = gradient.reshape([gradient.shape[0] ?? 1, -1]);
  const norms = tf.norm(flat, "euclidean", 1);
  const one = tf.scalar(1);
  const deviation = norms.sub(one);
  const squared = deviation.square();
  const penalty = squared.mean() as tf.Scalar;
  for (const t of [difference, step, interpolated, gradient, flat, norms, one, deviation, squared]) t.dispose();
  return penalty;
}
