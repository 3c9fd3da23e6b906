// Correct: chained ops, p·(log p − log q) with both logs taken on inputs made safe by a 0/1 mask from sign().
import * as tf from "@tensorflow/tfjs";

export const klDivergence = (p: tf.Tensor, q: tf.Tensor): tf.Tensor =>
  tf.tidy(() => {
    const present = p.sign(); // 1 where p > 0, 0 where p = 0; differentiable (tf.greater and tf.lessEqual are not)
    const absent = tf.sub(1, present);
    const logP = p.add(absent).log();
    const logQ = q.mul(present).add(absent).log();
    return p.mul(logP.sub(logQ)).sum(-1);
  });
