// Bug: makes the zeros safe by writing into the caller's p and q through dataSync(), changing the inputs.
import * as tf from "@tensorflow/tfjs";

export function klDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  const [pv, qv] = [p.dataSync(), q.dataSync()];
  for (let i = 0; i < pv.length; i++) {
    if (pv[i] === 0) {
      pv[i] = 1e-30;
      qv[i] = 1;
    }
  }
  return tf.tidy(() => tf.sum(tf.mul(p, tf.log(tf.div(p, q))), -1));
}
