import * as tf from "@tensorflow/tfjs";

/** JS(P, Q) = ½·KL(P‖M) + ½·KL(Q‖M), M = ½(P + Q), over the last axis, in nats. */
export function jsDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  throw new Error("Not implemented");
}
