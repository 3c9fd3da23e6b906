import * as tf from "@tensorflow/tfjs";

export type ElboParts = { loss: tf.Scalar; recon: tf.Scalar; kl: tf.Scalar };

/** Per sample: the Bernoulli reconstruction loss from logits summed over features, and the KL summed over latents. */
function perSample(x: tf.Tensor, logits: tf.Tensor, mu: tf.Tensor, logVar: tf.Tensor) {
  const bce = tf.losses.sigmoidCrossEntropy(x, logits, undefined, 0, tf.Reduction.NONE);
  const recon = tf.sum(bce, -1);
  const kl = tf.mul(-0.5, tf.sum(tf.sub(tf.sub(tf.add(1, logVar), tf.square(mu)), tf.exp(logVar)), -1));
  return { recon, kl };
}

/** The batch means of the reconstruction term, the KL term, and the loss recon + β·KL (the β-VAE's negative ELBO). */
export function vaeLoss(x: tf.Tensor, logits: tf.Tensor, mu: tf.Tensor, logVar: tf.Tensor, beta: number): ElboParts {
  return tf.tidy(() => {
    const parts = perSample(x, logits, mu, logVar);
    const recon = tf.mean<tf.Scalar>(parts.recon);
    const kl = tf.mean<tf.Scalar>(parts.kl);
    return { loss: tf.add(recon, tf.mul(beta, kl)) as tf.Scalar, recon, kl };
  });
}

/** Splits the encoder's [batch, 2·latent] output into μ (first half) and log σ² (second half). */
function encode(encoder: tf.LayersModel, x: tf.Tensor, training: boolean): [tf.Tensor, tf.Tensor] {
  const h = encoder.apply(x, { training }) as tf.Tensor;
  const latent = h.shape[1]! / 2;
  return tf.split(h, [latent, latent], 1) as [tf.Tensor, tf.Tensor];
}

/** One optimizer step on recon + β·KL over both models' trainable weights; returns the parts before the update. */
export function vaeTrainStep(
  encoder: tf.LayersModel,
  decoder: tf.LayersModel,
  optimizer: tf.Optimizer,
  x: tf.Tensor,
  epsilon: tf.Tensor,
  beta: number,
): { loss: number; recon: number; kl: number } {
  const weights = [...encoder.trainableWeights, ...decoder.trainableWeights].map((w) => w.read() as tf.Variable);
  let recon = NaN;
  let kl = NaN;
  const cost = optimizer.minimize(
    () => {
      const [mu, logVar] = encode(encoder, x, true);
      const z = tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logVar)), epsilon));
      const logits = decoder.apply(z, { training: true }) as tf.Tensor;
      const parts = vaeLoss(x, logits, mu, logVar, beta);
      [recon, kl] = [parts.recon.dataSync()[0]!, parts.kl.dataSync()[0]!];
      return parts.loss;
    },
    true,
    weights,
  );
  if (cost === null) throw new Error("minimize() returned no cost");
  const loss = cost.dataSync()[0]!;
  cost.dispose();
  return { loss, recon, kl };
}

/** The negative ELBO of each sample (β = 1), decoding the mean z = μ: higher means less like the training data. */
export function anomalyScores(encoder: tf.LayersModel, decoder: tf.LayersModel, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [mu, logVar] = encode(encoder, x, false);
    const logits = decoder.apply(mu, { training: false }) as tf.Tensor;
    const { recon, kl } = perSample(x, logits, mu, logVar);
    return tf.add(recon, kl);
  });
}
