// Correct: the BCE written out (relu, abs, log1p), slices instead of split, tf.variableGrads + applyGradients, the
// parts read with await data(), the scores decoded from μ with predict.
import * as tf from "@tensorflow/tfjs";

type Parts = { loss: tf.Scalar; recon: tf.Scalar; kl: tf.Scalar };

const bce = (x: tf.Tensor, l: tf.Tensor) => tf.add(tf.sub(tf.relu(l), tf.mul(l, x)), tf.log1p(tf.exp(tf.neg(tf.abs(l)))));
const klPerSample = (mu: tf.Tensor, logVar: tf.Tensor) =>
  tf.mul(0.5, tf.sum(tf.addN([tf.exp(logVar), tf.square(mu), tf.neg(logVar), tf.onesLike(logVar).neg()]), 1));

export function vaeLoss(x: tf.Tensor, logits: tf.Tensor, mu: tf.Tensor, logVar: tf.Tensor, beta: number): Parts {
  return tf.tidy(() => {
    const batch = x.shape[0]!;
    const recon = tf.div(tf.sum(bce(x, logits)), batch) as tf.Scalar;
    const kl = tf.div(tf.sum(klPerSample(mu, logVar)), batch) as tf.Scalar;
    return { loss: tf.addN([recon, tf.mul(kl, beta)]) as tf.Scalar, recon, kl };
  });
}

function halves(h: tf.Tensor): [tf.Tensor, tf.Tensor] {
  const [batch, width] = h.shape as [number, number];
  return [tf.slice(h, [0, 0], [batch, width / 2]), tf.slice(h, [0, width / 2], [batch, width / 2])];
}

export async function vaeTrainStep(encoder: tf.LayersModel, decoder: tf.LayersModel, optimizer: tf.Optimizer, x: tf.Tensor, epsilon: tf.Tensor, beta: number) {
  const vars = encoder.trainableWeights.concat(decoder.trainableWeights).map((w) => w.read() as tf.Variable);
  let parts: Parts | undefined;
  const { value, grads } = tf.variableGrads(() => {
    const [mu, logVar] = halves(encoder.apply(x, { training: true }) as tf.Tensor);
    const z = tf.add(mu, tf.mul(tf.sqrt(tf.exp(logVar)), epsilon));
    parts = vaeLoss(x, decoder.apply(z, { training: true }) as tf.Tensor, mu, logVar, beta);
    tf.keep(parts.recon);
    tf.keep(parts.kl);
    return parts.loss;
  }, vars);
  optimizer.applyGradients(grads);
  const [[loss], [recon], [kl]] = await Promise.all([value.data(), parts!.recon.data(), parts!.kl.data()]);
  tf.dispose([value, grads, parts!.recon, parts!.kl]);
  return { loss: loss!, recon: recon!, kl: kl! };
}

export function anomalyScores(encoder: tf.LayersModel, decoder: tf.LayersModel, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [mu, logVar] = halves(encoder.predict(x) as tf.Tensor);
    return tf.add(tf.sum(bce(x, decoder.predict(mu) as tf.Tensor), 1), klPerSample(mu, logVar));
  });
}
