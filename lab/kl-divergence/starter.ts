import * as tf from "@tensorflow/tfjs";

/** KL(P‖Q) = Σ p·log(p/q) over the last axis, in nats; terms with p = 0 count as 0. */
export function klDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  throw new Error("Not implemented");
}
