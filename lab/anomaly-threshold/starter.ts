import * as tf from "@tensorflow/tfjs";

/** Per-sample mean squared error over every non-batch axis: [batch, ...] → [batch]. */
export function reconstructionErrors(x: tf.Tensor, xHat: tf.Tensor): tf.Tensor {
  throw new Error("Not implemented");
}

/** mean + k·std (population std) of the errors of normal samples, as a number. */
export function fitThreshold(normalErrors: tf.Tensor, k: number): number {
  throw new Error("Not implemented");
}

/** true where error > threshold (strictly), as a bool tensor. */
export function flagAnomalies(errors: tf.Tensor, threshold: number): tf.Tensor {
  throw new Error("Not implemented");
}
