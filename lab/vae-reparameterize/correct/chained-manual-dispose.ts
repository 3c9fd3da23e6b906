// Correct: chained tensor methods; σ = sqrt(exp(logVar)); intermediates disposed by hand instead of tf.tidy.
import * as tf from "@tensorflow/tfjs";

export function reparameterize(mu: tf.Tensor, logVar: tf.Tensor, epsilon: tf.Tensor): tf.Tensor {
  const variance = logVar.exp();
  const std = variance.sqrt();
  const noise = std.mul(epsilon);
  const z = mu.add(noise);
  tf.dispose([variance, std, noise]);
  return z;
}

export function klToStandardNormal(mu: tf.Tensor, logVar: tf.Tensor): tf.Tensor {
  // KL = ½·Σ(μ² + σ² − logVar − 1), the same expression with the minus sign distributed
  const muSquared = mu.square();
  const variance = logVar.exp();
  const sum1 = muSquared.add(variance);
  const sum2 = sum1.sub(logVar);
  const terms = sum2.sub(1);
  const total = terms.sum(-1);
  const kl = total.div(2);
  tf.dispose([muSquared, variance, sum1, sum2, terms, total]);
  return kl;
}
