// Bug: replaces the zeros of p and q by a tiny ε by writing into the caller's tensors through dataSync().
import * as tf from "@tensorflow/tfjs";

export function jsDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  for (const t of [p, q]) {
    const values = t.dataSync();
    for (let i = 0; i < values.length; i++) if (values[i] === 0) values[i] = 1e-30;
  }
  return tf.tidy(() => {
    const m = tf.mul(0.5, tf.add(p, q));
    const kl = (d: tf.Tensor) => tf.sum(tf.mul(d, tf.log(tf.div(d, m))), -1);
    return tf.mul(0.5, tf.add(kl(p), kl(q)));
  });
}
