// Correct: one per-sample negative ELBO helper shared by the loss (batch means) and the scores; split with sizes;
// minimize() over the concatenated weights, the parts kept from inside the minimized function.
import * as tf from "@tensorflow/tfjs";

function perSample(x: tf.Tensor, logits: tf.Tensor, mu: tf.Tensor, logVar: tf.Tensor): { recon: tf.Tensor; kl: tf.Tensor } {
  const recon = tf.sum(tf.losses.sigmoidCrossEntropy(x, logits, undefined, 0, tf.Reduction.NONE), -1);
  const inner = tf.sub(tf.add(logVar, 1), tf.add(tf.square(mu), tf.exp(logVar)));
  return { recon, kl: tf.mul(tf.sum(inner, -1), -0.5) };
}

export function vaeLoss(x: tf.Tensor, logits: tf.Tensor, mu: tf.Tensor, logVar: tf.Tensor, beta: number) {
  return tf.tidy(() => {
    const { recon, kl } = perSample(x, logits, mu, logVar);
    const [r, k] = [tf.mean(recon) as tf.Scalar, tf.mean(kl) as tf.Scalar];
    return { loss: tf.mean(tf.add(recon, tf.mul(kl, beta))) as tf.Scalar, recon: r, kl: k };
  });
}

export function vaeTrainStep(encoder: tf.LayersModel, decoder: tf.LayersModel, optimizer: tf.Optimizer, x: tf.Tensor, epsilon: tf.Tensor, beta: number) {
  const latent = (encoder.outputs[0]!.shape[1] as number) / 2;
  const out = { loss: NaN, recon: NaN, kl: NaN };
  const cost = optimizer.minimize(
    () => {
      const [mu, logVar] = tf.split(encoder.apply(x, { training: true }) as tf.Tensor, [latent, latent], -1);
      const z = tf.addN([mu!, tf.mul(epsilon, tf.exp(tf.div(logVar!, 2)))]);
      const parts = vaeLoss(x, decoder.apply(z, { training: true }) as tf.Tensor, mu!, logVar!, beta);
      out.recon = parts.recon.arraySync();
      out.kl = parts.kl.arraySync();
      return parts.loss;
    },
    true,
    [...encoder.trainableWeights, ...decoder.trainableWeights].map((w) => w.read() as tf.Variable),
  );
  out.loss = cost?.arraySync() ?? NaN;
  cost?.dispose();
  return out;
}

export function anomalyScores(encoder: tf.LayersModel, decoder: tf.LayersModel, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const h = encoder.apply(x, { training: false }) as tf.Tensor;
    const [mu, logVar] = tf.split(h, 2, 1);
    const { recon, kl } = perSample(x, decoder.apply(mu!, { training: false }) as tf.Tensor, mu!, logVar!);
    return recon.add(kl);
  });
}
