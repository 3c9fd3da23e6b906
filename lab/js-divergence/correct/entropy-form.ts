// Correct: the entropy form JS = H(M) − ½·(H(P) + H(Q)), with 0·log 0 taken as 0 via tf.where; chained ops.
import * as tf from "@tensorflow/tfjs";

const entropy = (d: tf.Tensor): tf.Tensor => {
  const positive = d.sign().cast("bool"); // differentiable, unlike d.greater(0)
  const safe = tf.where(positive, d, tf.onesLike(d));
  return d.mul(safe.log()).sum(-1).neg();
};

export function jsDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const m = p.add(q).div(2);
    return entropy(m).sub(entropy(p).add(entropy(q)).div(2));
  });
}
