// Bug: never disposes the gathered batches: two tensors leak per step.
import * as tf from "@tensorflow/tfjs";

export type Data = { x: tf.Tensor; y: tf.Tensor };
export type FitOptions = { epochs: number; batchSize: number; patience: number; orders: readonly (readonly number[])[] };
export type History = { loss: number[]; valLoss: number[]; bestEpoch: number };

/** The MSE of model(x) vs y over every element; `training` decides how layers such as BatchNormalization behave. */
function mse(model: tf.LayersModel, data: Data, training: boolean): tf.Scalar {
  return tf.losses.meanSquaredError(data.y, model.apply(data.x, { training }) as tf.Tensor) as tf.Scalar;
}

/**
 * Minibatch training with early stopping on the validation loss: each epoch takes its batches in `orders[epoch]`, logs
 * the loss averaged over samples, validates with training off, stops after `patience` epochs without improvement,
 * and leaves the model with the weights of its best epoch.
 */
export async function fit(model: tf.LayersModel, optimizer: tf.Optimizer, train: Data, validation: Data, options: FitOptions): Promise<History> {
  const { epochs, batchSize, patience, orders } = options;
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const history: History = { loss: [], valLoss: [], bestEpoch: -1 };
  let best = Infinity;
  let bestWeights: tf.Tensor[] = [];
  let wait = 0;

  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = orders[epoch]!;
    let total = 0;
    for (let start = 0; start < order.length; start += batchSize) {
      const indices = tf.tensor1d(order.slice(start, start + batchSize), "int32");
      const batch = { x: tf.gather(train.x, indices), y: tf.gather(train.y, indices) };
      const cost = optimizer.minimize(() => mse(model, batch, true), true, variables);
      total += (await cost!.data())[0]! * indices.size;
      tf.dispose([indices, cost!]);
    }
    history.loss.push(total / order.length);

    const valCost = tf.tidy(() => mse(model, validation, false));
    const valLoss = (await valCost.data())[0]!;
    valCost.dispose();
    history.valLoss.push(valLoss);

    if (valLoss < best) {
      best = valLoss;
      history.bestEpoch = epoch;
      tf.dispose(bestWeights);
      bestWeights = model.getWeights().map((weight) => weight.clone()); // getWeights() gives the live variables
      wait = 0;
    } else if (++wait >= patience) {
      break;
    }
  }
  if (bestWeights.length > 0) model.setWeights(bestWeights);
  tf.dispose(bestWeights);
  return history;
}
