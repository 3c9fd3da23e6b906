// Bug: computes JS in plain JavaScript from dataSync() and wraps it back in a tensor: right values, no gradient.
import * as tf from "@tensorflow/tfjs";

export function jsDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  const k = p.shape[p.rank - 1] ?? 1;
  const [pv, qv] = [p.dataSync(), q.dataSync()];
  const rows: number[] = [];
  for (let start = 0; start < pv.length; start += k) {
    let sum = 0;
    for (let i = start; i < start + k; i++) {
      const m = (pv[i]! + qv[i]!) / 2;
      if (pv[i]! > 0) sum += 0.5 * pv[i]! * Math.log(pv[i]! / m);
      if (qv[i]! > 0) sum += 0.5 * qv[i]! * Math.log(qv[i]! / m);
    }
    rows.push(sum);
  }
  return tf.tensor(rows, p.shape.slice(0, -1));
}
