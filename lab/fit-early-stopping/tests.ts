import { defineTests, type SeededRandom, type Tensor, type Tf } from "@/lib/lab/api";
import type { LayersModel, Variable } from "@tensorflow/tfjs";
import type * as Reference from "./solution";

// The reference run is simulated here, by hand, in float64 JavaScript: a BatchNormalization layer (batch statistics
// while training, moving ones at inference) and a dense layer, the MSE of each minibatch, its gradient, SGD or Adam,
// the moving statistics, the validation loss, early stopping and the restored weights. Nothing of it comes from tf.

type Rows = number[][];
/** The model's weights in getWeights() order: γ, β, kernel, bias (trainable), moving mean, moving variance. */
export type State = { gamma: number[]; beta: number[]; kernel: Rows; bias: number[]; movingMean: number[]; movingVariance: number[] };
export type Run = { loss: number[]; valLoss: number[]; bestEpoch: number; final: State };

export const MOMENTUM = 0.9;
export const EPSILON = 1e-3;
type Trainable = Pick<State, "gamma" | "beta" | "kernel" | "bias">;
export const WEIGHT_NAMES = ["batch norm γ", "batch norm β", "dense kernel", "dense bias", "batch norm moving mean", "batch norm moving variance"];

const sum = (values: number[]) => values.reduce((total, x) => total + x, 0);
const column = (rows: Rows, d: number) => rows.map((row) => row[d] ?? NaN);

export function initialState(rng: SeededRandom, features: number, outputs: number): State {
  return {
    gamma: rng.uniformArray(features, 0.8, 1.2),
    beta: rng.uniformArray(features, -0.1, 0.1),
    kernel: Array.from({ length: features }, () => rng.normalArray(outputs, 0, 0.5)),
    bias: rng.uniformArray(outputs, -0.1, 0.1),
    movingMean: rng.uniformArray(features, -0.2, 0.2),
    movingVariance: rng.uniformArray(features, 0.8, 1.5),
  };
}

export function buildModel(tf: Tf, state: State): LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.batchNormalization({ inputShape: [state.gamma.length], momentum: MOMENTUM, epsilon: EPSILON }));
  model.add(tf.layers.dense({ units: state.bias.length }));
  model.setWeights([
    tf.tensor1d(state.gamma),
    tf.tensor1d(state.beta),
    tf.tensor2d(state.kernel),
    tf.tensor1d(state.bias),
    tf.tensor1d(state.movingMean),
    tf.tensor1d(state.movingVariance),
  ]);
  return model;
}

/** The model's six variables in getWeights() order, taken before the learner's code sees the model. */
export function variablesOf(model: LayersModel): Variable[] {
  return model.weights.map((weight) => weight.read() as Variable);
}

export const stateValues = (state: State): (number[] | Rows)[] => [state.gamma, state.beta, state.kernel, state.bias, state.movingMean, state.movingVariance];

/** Forward pass: with `stats` null the batch's own mean and (biased) variance normalize it, as training does. */
function forward(state: State, x: Rows, training: boolean) {
  const features = state.gamma.length;
  const mean = training ? Array.from({ length: features }, (_, d) => sum(column(x, d)) / x.length) : state.movingMean;
  const variance = training
    ? Array.from({ length: features }, (_, d) => sum(column(x, d).map((v) => (v - (mean[d] ?? NaN)) ** 2)) / x.length)
    : state.movingVariance;
  const normalized = x.map((row) => row.map((v, d) => (v - (mean[d] ?? NaN)) / Math.sqrt((variance[d] ?? NaN) + EPSILON)));
  const h = normalized.map((row) => row.map((v, d) => (state.gamma[d] ?? NaN) * v + (state.beta[d] ?? NaN)));
  const prediction = h.map((row) => state.bias.map((b, k) => b + sum(row.map((hd, d) => hd * (state.kernel[d]?.[k] ?? NaN)))));
  return { mean, variance, normalized, h, prediction };
}

const mseOf = (prediction: Rows, y: Rows) => sum(prediction.flatMap((row, i) => row.map((p, k) => (p - (y[i]?.[k] ?? NaN)) ** 2))) / (y.length * (y[0]?.length ?? 1));

export const validationLoss = (state: State, data: { x: Rows; y: Rows }) => mseOf(forward(state, data.x, false).prediction, data.y);

/** One minibatch in training mode: its loss (before the update), the gradients, and the updated moving statistics. */
function trainBatch(state: State, x: Rows, y: Rows) {
  const { mean, variance, normalized, h, prediction } = forward(state, x, true);
  const count = y.length * (y[0]?.length ?? 1);
  const dPrediction = prediction.map((row, i) => row.map((p, k) => (2 * (p - (y[i]?.[k] ?? NaN))) / count));
  const dH = dPrediction.map((row) => state.gamma.map((_, d) => sum(row.map((dp, k) => dp * (state.kernel[d]?.[k] ?? NaN)))));
  const gradients = {
    gamma: state.gamma.map((_, d) => sum(dH.map((row, i) => (row[d] ?? NaN) * (normalized[i]?.[d] ?? NaN)))),
    beta: state.beta.map((_, d) => sum(dH.map((row) => row[d] ?? NaN))),
    kernel: state.kernel.map((row, d) => row.map((_, k) => sum(h.map((hRow, i) => (hRow[d] ?? NaN) * (dPrediction[i]?.[k] ?? NaN))))),
    bias: state.bias.map((_, k) => sum(dPrediction.map((row) => row[k] ?? NaN))),
  };
  const moving = {
    movingMean: state.movingMean.map((m, d) => m * MOMENTUM + (mean[d] ?? NaN) * (1 - MOMENTUM)),
    movingVariance: state.movingVariance.map((v, d) => v * MOMENTUM + (variance[d] ?? NaN) * (1 - MOMENTUM)),
  };
  return { loss: mseOf(prediction, y), gradients, moving };
}

type Flat = number[][];
const flatten = (state: Trainable): Flat => [state.gamma, state.beta, state.kernel.flat(), state.bias];

/** tf.train.sgd(lr) or tf.train.adam(lr) (defaults β1 0.9, β2 0.999, ε 1e-7), over the four trainable weights. */
export function optimizerByHand(kind: "sgd" | "adam", lr: number) {
  const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-7];
  let m: Flat | null = null;
  let v: Flat | null = null;
  let t = 0;
  return (state: State, gradients: Trainable): State => {
    const g = flatten(gradients);
    const w = flatten(state);
    let next: Flat;
    if (kind === "sgd") next = w.map((values, p) => values.map((x, i) => x - lr * (g[p]?.[i] ?? NaN)));
    else {
      t++;
      m = g.map((values, p) => values.map((gi, i) => beta1 * (m?.[p]?.[i] ?? 0) + (1 - beta1) * gi));
      v = g.map((values, p) => values.map((gi, i) => beta2 * (v?.[p]?.[i] ?? 0) + (1 - beta2) * gi * gi));
      next = w.map((values, p) =>
        values.map((x, i) => x - (lr * ((m?.[p]?.[i] ?? NaN) / (1 - beta1 ** t))) / (Math.sqrt((v?.[p]?.[i] ?? NaN) / (1 - beta2 ** t)) + epsilon)),
      );
    }
    const outputs = state.bias.length;
    return {
      ...state,
      gamma: next[0]!,
      beta: next[1]!,
      kernel: state.kernel.map((_, d) => next[2]!.slice(d * outputs, (d + 1) * outputs)),
      bias: next[3]!,
    };
  };
}

export type Options = { epochs: number; batchSize: number; patience: number; orders: number[][] };

/** The whole run, as `fit` must do it. */
export function fitByHand(start: State, step: ReturnType<typeof optimizerByHand>, train: { x: Rows; y: Rows }, validation: { x: Rows; y: Rows }, options: Options): Run {
  let state = start;
  const run: Run = { loss: [], valLoss: [], bestEpoch: -1, final: start };
  let best = Infinity;
  let wait = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const order = options.orders[epoch] ?? [];
    let total = 0;
    for (let begin = 0; begin < order.length; begin += options.batchSize) {
      const rows = order.slice(begin, begin + options.batchSize);
      const batch = trainBatch(state, rows.map((r) => train.x[r] ?? []), rows.map((r) => train.y[r] ?? []));
      total += batch.loss * rows.length;
      state = { ...step(state, batch.gradients), ...batch.moving };
    }
    run.loss.push(total / order.length);
    const valLoss = validationLoss(state, validation);
    run.valLoss.push(valLoss);
    if (valLoss < best) {
      [best, run.bestEpoch, run.final, wait] = [valLoss, epoch, state, 0];
    } else if (++wait >= options.patience) break;
  }
  return run;
}

/** A permutation of 0…n−1 per epoch, from a seed. */
export function ordersFrom(rng: SeededRandom, n: number, epochs: number): number[][] {
  return Array.from({ length: epochs }, () => {
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng.uniform(0, 1) * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    return order;
  });
}

/** Training data y = x·a + noise, and validation data from another slope, halfway along the way: validation improves, then worsens. */
export function makeData(rng: SeededRandom, n: number, nVal: number, features: number, outputs: number) {
  const slope = Array.from({ length: features }, () => rng.normalArray(outputs, 0, 1));
  const other = slope.map((row) => row.map((a) => 0.5 * a + rng.normal(0, 0.1)));
  const rows = (count: number, a: Rows, noise: number) => {
    const x = Array.from({ length: count }, () => rng.normalArray(features, 0.5, 1.5));
    return { x, y: x.map((row) => a[0]!.map((_, k) => sum(row.map((v, d) => v * (a[d]?.[k] ?? NaN))) + rng.normal(0, noise))) };
  };
  return { train: rows(n, slope, 0.1), validation: rows(nVal, other, 0.1) };
}

export const tensors = (tf: Tf, data: { x: Rows; y: Rows }) => ({ x: tf.tensor2d(data.x), y: tf.tensor2d(data.y) });

export const HINTS = {
  loss: "each epoch's loss is the mean of its batches' losses (each taken before its update) weighted by the batch's size: Σ nᵦ·lossᵦ / N. A plain mean of the batch losses over-weights the last, smaller batch.",
  valLoss: "validate after each epoch on the whole validation set with model.apply(x, { training: false }): BatchNormalization then uses its moving statistics (training: true would use the batch's own and update the moving ones).",
  weights:
    "train on the batches in orders[epoch] (rows order[0…batchSize−1], then the next batchSize, …), one optimizer step per batch with model.apply(x, { training: true }) inside the minimized function, over model.trainableWeights.",
  stop: "stop once `patience` epochs in a row have not improved on the best validation loss (strictly lower counts as better); the history has one entry per epoch run.",
  restore:
    "at the end, set every weight back to the best epoch's (model.getWeights() includes BatchNormalization's moving statistics). getWeights() returns the live variables: clone them when you save them, or the optimizer keeps changing your copy.",
};

export default defineTests<typeof Reference>(({ test: register, tf, solution, random, expectArray, expectClose, expectEqual, expectNoLeak, expectNumber, expectTrue, fail }) => {
  // A WebGL backend compiles a shader program the first time each op runs: these models run dozens of ops, so a
  // first run in a fresh browser takes seconds before any of the learner's work is timed. Each test gets 20 s.
  const test: typeof register = (name, fn, options = {}) => register(name, fn, { timeoutMs: 20_000, ...options });
  const rng = random(5);
  const start = initialState(rng, 2, 1);
  const data = makeData(rng, 10, 6, 2, 1);

  const expectHistory = (history: unknown, expected: Run, label: string, parts: readonly ("loss" | "valLoss" | "bestEpoch")[] = ["loss", "valLoss", "bestEpoch"]) => {
    if (typeof history !== "object" || history === null) fail(`${label} returned ${String(history)}: return { loss, valLoss, bestEpoch }.`);
    const record = history as Record<string, unknown>;
    for (const part of parts) {
      if (part === "bestEpoch") {
        expectEqual(expectNumber(record.bestEpoch, { label: `${label}.bestEpoch` }), expected.bestEpoch, {
          label: `${label}.bestEpoch`,
          hint: "the index (from 0) of the epoch with the lowest validation loss.",
        });
        continue;
      }
      const values = expectArray(record[part], { label: `${label}.${part}` });
      expectTrue(
        values.length === expected[part].length,
        `${label}.${part} has ${values.length} entries where ${expected[part].length} were expected, one per epoch run — ${HINTS.stop}`,
      );
      values.forEach((value, epoch) =>
        expectClose(expectNumber(value, { label: `${label}.${part}[${epoch}]` }), expected[part][epoch]!, { label: `${label}.${part}[${epoch}]`, hint: { values: HINTS[part] } }),
      );
    }
  };
  const expectWeights = (variables: Tensor[], expected: State, label: string, hint: string) =>
    variables.forEach((variable, p) => expectClose(variable, stateValues(expected)[p]!, { label: `${WEIGHT_NAMES[p]} ${label}`, hint: { values: hint } }));

  test("history.loss: each epoch's loss is its batches' losses weighted by batch size; inputs untouched", async () => {
    const options = { epochs: 2, batchSize: 4, patience: 5, orders: ordersFrom(random(1), 10, 2) };
    const expected = fitByHand(start, optimizerByHand("sgd", 0.05), data.train, data.validation, options);
    const ordersBefore = options.orders.map((order) => [...order]);
    const [train, validation] = [tensors(tf, data.train), tensors(tf, data.validation)];
    const history = await solution.fit(buildModel(tf, start), tf.train.sgd(0.05), train, validation, options);
    expectHistory(history, expected, "fit(…, { epochs: 2, batchSize: 4 }) on 10 samples", ["loss"]);
    expectTrue(
      JSON.stringify(options.orders) === JSON.stringify(ordersBefore),
      "options.orders changed during fit: don't shuffle, sort or splice the orders you are given in place; copy them.",
    );
    expectClose(train.x, data.train.x, { label: "train.x after fit", hint: "don't write into the inputs." });
    expectClose(validation.y, data.validation.y, { label: "validation.y after fit", hint: "don't write into the inputs." });
  }, { points: 2 });

  test("training mode and batches: every weight after two SGD epochs, BatchNormalization's moving statistics included", async () => {
    const options = { epochs: 2, batchSize: 4, patience: 5, orders: ordersFrom(random(1), 10, 2) };
    const expected = fitByHand(start, optimizerByHand("sgd", 0.05), data.train, data.validation, options);
    const model = buildModel(tf, start);
    const variables = variablesOf(model);
    await solution.fit(model, tf.train.sgd(0.05), tensors(tf, data.train), tensors(tf, data.validation), options);
    expectWeights(variables, expected.final, "after two epochs", `${HINTS.weights} Validate with training: false, which leaves the moving statistics alone.`);
  }, { points: 3 });

  test("history.valLoss: validation with training: false after each epoch", async () => {
    const options = { epochs: 3, batchSize: 4, patience: 5, orders: ordersFrom(random(2), 10, 3) };
    const expected = fitByHand(start, optimizerByHand("sgd", 0.05), data.train, data.validation, options);
    const history = await solution.fit(buildModel(tf, start), tf.train.sgd(0.05), tensors(tf, data.train), tensors(tf, data.validation), options);
    expectHistory(history, { ...expected, valLoss: expected.valLoss }, "fit(…, { epochs: 3 })", ["valLoss"]);
  }, { points: 2 });

  test("early stopping: stops after `patience` epochs without improvement and restores the best epoch's weights", async () => {
    const options = { epochs: 12, batchSize: 3, patience: 2, orders: ordersFrom(random(3), 10, 12) };
    const expected = fitByHand(start, optimizerByHand("sgd", 0.2), data.train, data.validation, options);
    const model = buildModel(tf, start);
    const variables = variablesOf(model);
    const history = await solution.fit(model, tf.train.sgd(0.2), tensors(tf, data.train), tensors(tf, data.validation), options);
    expectHistory(history, expected, "fit(…, { epochs: 12, patience: 2 })");
    expectWeights(variables, expected.final, `after fit (restored from epoch ${expected.bestEpoch})`, HINTS.restore);
  }, { points: 3 });

  test("no tensor leaks: fit leaves tf.memory().numTensors unchanged", async () => {
    const options = { epochs: 3, batchSize: 4, patience: 1, orders: ordersFrom(random(4), 10, 3) };
    const expected = fitByHand(start, optimizerByHand("sgd", 0.05), data.train, data.validation, options);
    const model = buildModel(tf, start);
    const optimizer = tf.train.sgd(0.05);
    const [train, validation] = [tensors(tf, data.train), tensors(tf, data.validation)];
    const history = await expectNoLeak(async () => solution.fit(model, optimizer, train, validation, options), { label: "fit" });
    expectHistory(history, expected, "fit(…, { epochs: 3, patience: 1 })");
  });
});
