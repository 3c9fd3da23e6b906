// Bug: computes the KL term in plain JavaScript from dataSync() and wraps it in a tensor: right values, no gradient.
import * as tf from "@tensorflow/tfjs";

export function reparameterize(mu: tf.Tensor, logVar: tf.Tensor, epsilon: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logVar)), epsilon)));
}

export function klToStandardNormal(mu: tf.Tensor, logVar: tf.Tensor): tf.Tensor {
  const latent = mu.shape[mu.rank - 1] ?? 1;
  const [m, lv] = [mu.dataSync(), logVar.dataSync()];
  const kl: number[] = [];
  for (let start = 0; start < m.length; start += latent) {
    let sum = 0;
    for (let j = start; j < start + latent; j++) sum += 1 + lv[j]! - m[j]! * m[j]! - Math.exp(lv[j]!);
    kl.push(-0.5 * sum);
  }
  return tf.tensor(kl, mu.shape.slice(0, -1));
}
