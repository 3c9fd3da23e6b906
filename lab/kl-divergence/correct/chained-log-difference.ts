// Correct: chained ops, p·(log p − log q) with both logs taken on inputs made safe by tf.where.
import * as tf from "@tensorflow/tfjs";

export const klDivergence = (p: tf.Tensor, q: tf.Tensor): tf.Tensor =>
  tf.tidy(() => {
    const zero = p.lessEqual(0);
    const logP = tf.where(zero, tf.zerosLike(p), p).add(zero.cast("float32")).log();
    const logQ = tf.where(zero, tf.onesLike(q), q).log();
    return p.mul(logP.sub(logQ)).sum(-1);
  });
