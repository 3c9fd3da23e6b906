import * as tf from "@tensorflow/tfjs";

/** Rows of x and y in `order`, cut into consecutive batches of batchSize (the last one may be smaller). */
export function makeBatches(x: tf.Tensor, y: tf.Tensor, batchSize: number, order: number[]): { xs: tf.Tensor; ys: tf.Tensor }[] {
  throw new Error("Not implemented");
}
