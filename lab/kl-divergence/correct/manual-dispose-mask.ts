// Correct: no tidy; a 0/1 mask replaces p = 0 entries by 1/1 before the log, every intermediate disposed by hand.
import * as tf from "@tensorflow/tfjs";

export function klDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  const mask = tf.sign(p); // 1 where p > 0, 0 where p = 0, with a gradient (0) where tf.greater has none
  const inverse = tf.sub(1, mask);
  const maskedQ = tf.mul(q, mask);
  const safeP = tf.add(p, inverse); // p where p > 0, else 1
  const safeQ = tf.add(maskedQ, inverse); // q where p > 0, else 1
  const ratio = tf.div(safeP, safeQ);
  const logRatio = tf.log(ratio);
  const terms = tf.mul(p, logRatio);
  const result = tf.sum(terms, -1);
  for (const t of [mask, inverse, maskedQ, safeP, safeQ, ratio, logRatio, terms]) t.dispose();
  return result;
}
