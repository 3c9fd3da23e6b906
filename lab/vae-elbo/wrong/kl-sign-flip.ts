// Bug: drops the minus sign of the KL term, +½·Σ(1 + log σ² − μ² − σ²): the KL comes out negative and the step pushes the code away from N(0, I).
import * as tf from "@tensorflow/tfjs";

export type ElboParts = { loss: tf.Scalar; recon: tf.Scalar; kl: tf.Scalar };

export function vaeLoss(x: tf.Tensor, logits: tf.Tensor, mu: tf.Tensor, logVar: tf.Tensor, beta: number): ElboParts {
  return tf.tidy(() => {
    const recon = tf.mean<tf.Scalar>(tf.sum(tf.losses.sigmoidCrossEntropy(x, logits, undefined, 0, tf.Reduction.NONE), -1));
    const kl = tf.mean<tf.Scalar>(tf.mul(0.5, tf.sum(tf.sub(tf.sub(tf.add(1, logVar), tf.square(mu)), tf.exp(logVar)), -1)));
    return { loss: tf.add(recon, tf.mul(beta, kl)) as tf.Scalar, recon, kl };
  });
}

function encode(encoder: tf.LayersModel, x: tf.Tensor): [tf.Tensor, tf.Tensor] {
  const h = encoder.apply(x, { training: true }) as tf.Tensor;
  const latent = h.shape[1]! / 2;
  return tf.split(h, [latent, latent], 1) as [tf.Tensor, tf.Tensor];
}

export function vaeTrainStep(encoder: tf.LayersModel, decoder: tf.LayersModel, optimizer: tf.Optimizer, x: tf.Tensor, epsilon: tf.Tensor, beta: number) {
  const weights = [...encoder.trainableWeights, ...decoder.trainableWeights].map((w) => w.read() as tf.Variable);
  let recon = NaN;
  let kl = NaN;
  const cost = optimizer.minimize(() => {
    const [mu, logVar] = encode(encoder, x);
    const z = tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logVar)), epsilon));
    const parts = vaeLoss(x, decoder.apply(z) as tf.Tensor, mu, logVar, beta);
    [recon, kl] = [parts.recon.dataSync()[0]!, parts.kl.dataSync()[0]!];
    return parts.loss;
  }, true, weights);
  const loss = cost!.dataSync()[0]!;
  cost!.dispose();
  return { loss, recon, kl };
}

export function anomalyScores(encoder: tf.LayersModel, decoder: tf.LayersModel, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [mu, logVar] = encode(encoder, x);
    const recon = tf.sum(tf.losses.sigmoidCrossEntropy(x, decoder.apply(mu) as tf.Tensor, undefined, 0, tf.Reduction.NONE), -1);
    const kl = tf.mul(-0.5, tf.sum(tf.sub(tf.sub(tf.add(1, logVar), tf.square(mu)), tf.exp(logVar)), -1));
    return tf.add(recon, kl);
  });
}
