// Correct: tf.variableGrads + applyGradients per batch, the batch losses summed as numbers (loss × size), the best
// weights kept as plain Float32Array snapshots and restored with setWeights on fresh tensors.
import * as tf from "@tensorflow/tfjs";

type Data = { x: tf.Tensor; y: tf.Tensor };
type Snapshot = { values: Float32Array; shape: number[] }[];

export async function fit(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  train: Data,
  validation: Data,
  options: { epochs: number; batchSize: number; patience: number; orders: readonly (readonly number[])[] },
) {
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const loss: number[] = [];
  const valLoss: number[] = [];
  let bestEpoch = -1;
  let snapshot: Snapshot | null = null;
  let sinceBest = 0;

  for (let epoch = 0; epoch < options.epochs && sinceBest < options.patience; epoch++) {
    const order = [...options.orders[epoch]!];
    let weighted = 0;
    for (let i = 0; i < order.length; i += options.batchSize) {
      const rows = order.slice(i, i + options.batchSize);
      const { value, grads } = tf.tidy(() => {
        const index = tf.tensor1d(rows, "int32");
        const [xb, yb] = [train.x.gather(index), train.y.gather(index)];
        return tf.variableGrads(() => tf.mean(tf.squaredDifference(model.apply(xb, { training: true }) as tf.Tensor, yb)) as tf.Scalar, vars);
      });
      optimizer.applyGradients(grads);
      weighted += value.dataSync()[0]! * rows.length;
      tf.dispose([value, grads]);
    }
    loss.push(weighted / order.length);

    const v = tf.tidy(() => tf.mean(tf.squaredDifference(model.apply(validation.x, { training: false }) as tf.Tensor, validation.y)).dataSync()[0]!);
    valLoss.push(v);
    if (bestEpoch < 0 || v < valLoss[bestEpoch]!) {
      bestEpoch = epoch;
      snapshot = model.getWeights().map((w) => ({ values: w.dataSync().slice() as Float32Array, shape: w.shape }));
      sinceBest = 0;
    } else {
      sinceBest++;
    }
  }
  if (snapshot) {
    const tensors = snapshot.map(({ values, shape }) => tf.tensor(values, shape));
    model.setWeights(tensors);
    tf.dispose(tensors);
  }
  return { loss, valLoss, bestEpoch };
}
