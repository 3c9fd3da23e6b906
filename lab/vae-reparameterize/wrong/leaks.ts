// Bug: no tf.tidy: the σ, σ·ε, μ², exp(logVar) and the partial sums all leak.
import * as tf from "@tensorflow/tfjs";

export function reparameterize(mu: tf.Tensor, logVar: tf.Tensor, epsilon: tf.Tensor): tf.Tensor {
  const std = tf.exp(tf.mul(0.5, logVar));
  return tf.add(mu, tf.mul(std, epsilon));
}

export function klToStandardNormal(mu: tf.Tensor, logVar: tf.Tensor): tf.Tensor {
  const terms = tf.sub(tf.sub(tf.add(1, logVar), tf.square(mu)), tf.exp(logVar));
  return tf.mul(-0.5, tf.sum(terms, -1));
}
