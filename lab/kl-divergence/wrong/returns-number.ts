// Bug: reads the result back with dataSync() and returns a JavaScript number instead of a tensor.
import * as tf from "@tensorflow/tfjs";

export function klDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  const value = tf.tidy(() => {
    const present = tf.greater(p, 0);
    const safeP = tf.where(present, p, tf.onesLike(p));
    const safeQ = tf.where(present, q, tf.onesLike(q));
    return tf.sum(tf.where(present, tf.mul(p, tf.log(tf.div(safeP, safeQ))), tf.zerosLike(p)), -1);
  });
  const result = value.dataSync()[0];
  value.dispose();
  return result as unknown as tf.Tensor;
}
