// Bug: σ = exp(logVar), forgetting the ½: that is the variance, not the standard deviation.
import * as tf from "@tensorflow/tfjs";

export function reparameterize(mu: tf.Tensor, logVar: tf.Tensor, epsilon: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.add(mu, tf.mul(tf.exp(logVar), epsilon)));
}

export function klToStandardNormal(mu: tf.Tensor, logVar: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const terms = tf.sub(tf.sub(tf.add(1, logVar), tf.square(mu)), tf.exp(logVar));
    return tf.mul(-0.5, tf.sum(terms, -1));
  });
}
