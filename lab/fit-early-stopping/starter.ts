import * as tf from "@tensorflow/tfjs";

export type Data = { x: tf.Tensor; y: tf.Tensor };
export type FitOptions = { epochs: number; batchSize: number; patience: number; orders: readonly (readonly number[])[] };
export type History = { loss: number[]; valLoss: number[]; bestEpoch: number };

/**
 * Minibatch training with early stopping on the validation loss: each epoch takes its batches in `orders[epoch]`, logs
 * the loss averaged over samples, validates with training off, stops after `patience` epochs without improvement,
 * and leaves the model with the weights of its best epoch.
 */
export async function fit(model: tf.LayersModel, optimizer: tf.Optimizer, train: Data, validation: Data, options: FitOptions): Promise<History> {
  throw new Error("Not implemented");
}
