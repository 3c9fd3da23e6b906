// Bug: averages the KL terms over the latent dimensions instead of summing them.
import * as tf from "@tensorflow/tfjs";

export function reparameterize(mu: tf.Tensor, logVar: tf.Tensor, epsilon: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logVar)), epsilon)));
}

export function klToStandardNormal(mu: tf.Tensor, logVar: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const terms = tf.sub(tf.sub(tf.add(1, logVar), tf.square(mu)), tf.exp(logVar));
    return tf.mul(-0.5, tf.mean(terms, -1));
  });
}
