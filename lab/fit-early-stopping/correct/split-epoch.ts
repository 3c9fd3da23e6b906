// Correct: gathers the whole epoch in its order once and tf.splits it into batches; keeps the best weights as clones
// of each LayerVariable's value and writes them back with LayerVariable.write.
import * as tf from "@tensorflow/tfjs";

type Data = { x: tf.Tensor; y: tf.Tensor };

function batchSizes(n: number, size: number): number[] {
  const sizes: number[] = [];
  for (let left = n; left > 0; left -= size) sizes.push(Math.min(size, left));
  return sizes;
}

export async function fit(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  train: Data,
  validation: Data,
  { epochs, batchSize, patience, orders }: { epochs: number; batchSize: number; patience: number; orders: readonly (readonly number[])[] },
) {
  const history = { loss: [] as number[], valLoss: [] as number[], bestEpoch: 0 };
  let bestValue = Number.POSITIVE_INFINITY;
  let saved: tf.Tensor[] | null = null;
  let stale = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const sizes = batchSizes(orders[epoch]!.length, batchSize);
    const [xs, ys] = tf.tidy(() => {
      const index = tf.tensor1d(Array.from(orders[epoch]!), "int32");
      return [tf.split(tf.gather(train.x, index), sizes), tf.split(tf.gather(train.y, index), sizes)];
    });
    const costs: number[] = [];
    xs.forEach((xb, b) => {
      const cost = optimizer.minimize(() => tf.losses.meanSquaredError(ys[b]!, model.apply(xb, { training: true }) as tf.Tensor) as tf.Scalar, true);
      costs.push(cost!.arraySync() * sizes[b]!);
      cost!.dispose();
    });
    tf.dispose([...xs, ...ys]);
    history.loss.push(costs.reduce((a, c) => a + c, 0) / sizes.reduce((a, s) => a + s, 0));

    const val = tf.tidy(() => tf.losses.meanSquaredError(validation.y, model.apply(validation.x) as tf.Tensor).arraySync() as number);
    history.valLoss.push(val);
    if (val < bestValue) {
      bestValue = val;
      history.bestEpoch = epoch;
      if (saved) tf.dispose(saved);
      saved = model.weights.map((w) => w.read().clone());
      stale = 0;
    } else if (++stale === patience) {
      break;
    }
  }
  if (saved) {
    model.weights.forEach((w, i) => w.write(saved![i]!));
    tf.dispose(saved);
  }
  return history;
}
