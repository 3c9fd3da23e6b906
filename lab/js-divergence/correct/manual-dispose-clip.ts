// Correct: no tidy; log of inputs clipped to a tiny minimum (p·log p → 0 as p → 0) and every temporary disposed.
import * as tf from "@tensorflow/tfjs";

const TINY = 1e-7; // the error it adds, at most p·|log(TINY) − log p| for p < TINY, is far below the tolerance

function klTo(p: tf.Tensor, logM: tf.Tensor): tf.Tensor {
  const clipped = tf.maximum(p, TINY);
  const logP = tf.log(clipped);
  const diff = tf.sub(logP, logM);
  const terms = tf.mul(p, diff);
  const kl = tf.sum(terms, -1);
  tf.dispose([clipped, logP, diff, terms]);
  return kl;
}

export function jsDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  const sum = tf.add(p, q);
  const m = tf.mul(sum, 0.5);
  const clippedM = tf.maximum(m, TINY);
  const logM = tf.log(clippedM);
  const klP = klTo(p, logM);
  const klQ = klTo(q, logM);
  const total = tf.add(klP, klQ);
  const js = tf.mul(total, 0.5);
  tf.dispose([sum, m, clippedM, logM, klP, klQ, total]);
  return js;
}
