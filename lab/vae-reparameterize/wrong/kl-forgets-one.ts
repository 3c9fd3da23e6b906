// Bug: drops the 1 inside the sum, so the KL of N(0, I) to itself is ½ per latent dimension, not 0.
import * as tf from "@tensorflow/tfjs";

export function reparameterize(mu: tf.Tensor, logVar: tf.Tensor, epsilon: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logVar)), epsilon)));
}

export function klToStandardNormal(mu: tf.Tensor, logVar: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const terms = tf.sub(tf.sub(logVar, tf.square(mu)), tf.exp(logVar));
    return tf.mul(-0.5, tf.sum(terms, -1));
  });
}
