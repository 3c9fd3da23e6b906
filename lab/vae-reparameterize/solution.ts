import * as tf from "@tensorflow/tfjs";

/** z = μ + exp(½·logVar)·ε, differentiable in μ and logVar. */
export function reparameterize(mu: tf.Tensor, logVar: tf.Tensor, epsilon: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logVar)), epsilon)));
}

/** KL(N(μ, σ²) ‖ N(0, I)) = −½·Σ(1 + logVar − μ² − exp(logVar)) over the last axis. */
export function klToStandardNormal(mu: tf.Tensor, logVar: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const terms = tf.sub(tf.sub(tf.add(1, logVar), tf.square(mu)), tf.exp(logVar));
    return tf.mul(-0.5, tf.sum(terms, -1));
  });
}
