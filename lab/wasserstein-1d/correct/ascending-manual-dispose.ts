// Correct: ascending order via topk of the negated samples, no tidy, every tensor (indices included) disposed by hand.
import * as tf from "@tensorflow/tfjs";

function sortAscending(x: tf.Tensor, n: number): tf.Tensor {
  const negated = tf.neg(x);
  const { values, indices } = tf.topk(negated, n);
  const sorted = tf.neg(values);
  tf.dispose([negated, values, indices]);
  return sorted;
}

export function wasserstein1d(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const [n, m] = [a.shape.at(-1), b.shape.at(-1)];
  if (n === undefined || n !== m) throw new Error(`wasserstein1d: samples must have the same size (${n} vs ${m})`);
  const sortedA = sortAscending(a, n);
  const sortedB = sortAscending(b, n);
  const difference = sortedA.sub(sortedB);
  const distance = difference.abs();
  const result = distance.mean(-1);
  tf.dispose([sortedA, sortedB, difference, distance]);
  return result;
}
