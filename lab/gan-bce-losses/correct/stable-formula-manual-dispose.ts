// Correct: the stable formula max(ℓ, 0) − ℓ·y + log(1 + e^−|ℓ|) written out, intermediates disposed by hand.
import * as tf from "@tensorflow/tfjs";

function meanBce(logits: tf.Tensor, label: number): tf.Scalar {
  const positive = tf.relu(logits);
  const scaled = tf.mul(logits, label);
  const abs = tf.abs(logits);
  const negAbs = tf.neg(abs);
  const exp = tf.exp(negAbs);
  const log = tf.log1p(exp);
  const difference = tf.sub(positive, scaled);
  const perSample = tf.add(difference, log);
  const loss = tf.mean(perSample) as tf.Scalar;
  tf.dispose([positive, scaled, abs, negAbs, exp, log, difference, perSample]);
  return loss;
}

export function discriminatorLoss(realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar {
  const real = meanBce(realLogits, 1);
  const fake = meanBce(fakeLogits, 0);
  const sum = tf.add(real, fake);
  const loss = tf.div(sum, 2) as tf.Scalar;
  tf.dispose([real, fake, sum]);
  return loss;
}

export function generatorLoss(fakeLogits: tf.Tensor): tf.Scalar {
  return meanBce(fakeLogits, 1);
}
