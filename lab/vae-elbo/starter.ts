import * as tf from "@tensorflow/tfjs";

export type ElboParts = { loss: tf.Scalar; recon: tf.Scalar; kl: tf.Scalar };

/** The batch means of the reconstruction term, the KL term, and the loss recon + β·KL (the β-VAE's negative ELBO). */
export function vaeLoss(x: tf.Tensor, logits: tf.Tensor, mu: tf.Tensor, logVar: tf.Tensor, beta: number): ElboParts {
  throw new Error("Not implemented");
}

/** One optimizer step on recon + β·KL over both models' trainable weights; returns the parts before the update. */
export function vaeTrainStep(
  encoder: tf.LayersModel,
  decoder: tf.LayersModel,
  optimizer: tf.Optimizer,
  x: tf.Tensor,
  epsilon: tf.Tensor,
  beta: number,
): { loss: number; recon: number; kl: number } | Promise<{ loss: number; recon: number; kl: number }> {
  throw new Error("Not implemented");
}

/** The negative ELBO of each sample (β = 1), decoding the mean z = μ: higher means less like the training data. */
export function anomalyScores(encoder: tf.LayersModel, decoder: tf.LayersModel, x: tf.Tensor): tf.Tensor {
  throw new Error("Not implemented");
}
