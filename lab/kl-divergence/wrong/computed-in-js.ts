// Bug: computes KL in plain JavaScript from dataSync() and wraps it back in a tensor: right values, no gradient.
import * as tf from "@tensorflow/tfjs";

export function klDivergence(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  const k = p.shape[p.rank - 1] ?? 1;
  const [pv, qv] = [p.dataSync(), q.dataSync()];
  const rows: number[] = [];
  for (let start = 0; start < pv.length; start += k) {
    let sum = 0;
    for (let i = start; i < start + k; i++) if (pv[i]! > 0) sum += pv[i]! * Math.log(pv[i]! / qv[i]!);
    rows.push(sum);
  }
  return tf.tensor(rows, p.shape.slice(0, -1));
}
