// Bug: sorts the caller's samples in place (dataSync() gives the tensor's own storage), changing the inputs.
import * as tf from "@tensorflow/tfjs";

export function wasserstein1d(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const n = a.shape[a.rank - 1] ?? 0;
  if ((b.shape[b.rank - 1] ?? 0) !== n) throw new Error("wasserstein1d: a and b must have the same size");
  for (const sample of [a, b]) {
    const values = sample.dataSync();
    for (let start = 0; start < values.length; start += n) values.subarray(start, start + n).sort();
  }
  return tf.tidy(() => tf.mean(tf.abs(tf.sub(a, b)), -1));
}
