// Bug: computes z on plain numbers (dataSync) and wraps them in a new tensor, which cuts the gradient to μ and logVar.
import * as tf from "@tensorflow/tfjs";

export function reparameterize(mu: tf.Tensor, logVar: tf.Tensor, epsilon: tf.Tensor): tf.Tensor {
  const m = mu.dataSync();
  const lv = logVar.dataSync();
  const e = epsilon.dataSync();
  const z = Array.from(m, (value, i) => value + Math.exp(0.5 * (lv[i] ?? 0)) * (e[i] ?? 0));
  return tf.tensor(z, mu.shape);
}

export function klToStandardNormal(mu: tf.Tensor, logVar: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const terms = tf.sub(tf.sub(tf.add(1, logVar), tf.square(mu)), tf.exp(logVar));
    return tf.mul(-0.5, tf.sum(terms, -1));
  });
}
