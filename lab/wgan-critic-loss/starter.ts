import * as tf from "@tensorflow/tfjs";

/** mean(fake) − mean(real), minimized by the critic. */
export function criticLoss(realScores: tf.Tensor, fakeScores: tf.Tensor): tf.Scalar {
  throw new Error("Not implemented");
}

/** −mean(fake), minimized by the generator. */
export function generatorLoss(fakeScores: tf.Tensor): tf.Scalar {
  throw new Error("Not implemented");
}

/** mean over the batch of (‖∇D(x̂)‖₂ − 1)², with x̂ = α·real + (1 − α)·fake. */
export function gradientPenalty(
  critic: (x: tf.Tensor) => tf.Tensor,
  real: tf.Tensor,
  fake: tf.Tensor,
  alpha: tf.Tensor,
): tf.Scalar {
  throw new Error("Not implemented");
}
