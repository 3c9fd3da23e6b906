// Correct: small helper functions, each wrapped in tf.tidy; the KL as a weighted sum of separate pieces.
import * as tf from "@tensorflow/tfjs";

const standardDeviation = (logVar: tf.Tensor) => tf.exp(tf.div(logVar, 2));

export const reparameterize = (mu: tf.Tensor, logVar: tf.Tensor, epsilon: tf.Tensor): tf.Tensor =>
  tf.tidy(() => mu.add(standardDeviation(logVar).mul(epsilon)));

export const klToStandardNormal = (mu: tf.Tensor, logVar: tf.Tensor): tf.Tensor =>
  tf.tidy(() => {
    const latentSize = mu.shape[mu.rank - 1] ?? 0;
    const sumLogVar = tf.sum(logVar, -1);
    const sumMu2 = tf.sum(tf.square(mu), -1);
    const sumVar = tf.sum(tf.exp(logVar), -1);
    return tf.mul(-0.5, tf.scalar(latentSize).add(sumLogVar).sub(sumMu2).sub(sumVar));
  });
