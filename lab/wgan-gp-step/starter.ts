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
): number | Promise<number> {
  throw new Error("Not implemented");
}
