import * as tf from "@tensorflow/tfjs";

/** z = μ + exp(½·logVar)·ε, differentiable in μ and logVar. */
export function reparameterize(mu: tf.Tensor, logVar: tf.Tensor, epsilon: tf.Tensor): tf.Tensor {
  throw new Error("Not implemented");
}

/** KL(N(μ, σ²) ‖ N(0, I)) = −½·Σ(1 + logVar − μ² − exp(logVar)) over the last axis. */
export function klToStandardNormal(mu: tf.Tensor, logVar: tf.Tensor): tf.Tensor {
  throw new Error("Not implemented");
}
