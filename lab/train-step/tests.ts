import { defineTests, type SeededRandom, type Tf } from "@/lib/lab/api";
import type { LayersModel, Tensor, Variable } from "@tensorflow/tfjs";
import type * as Reference from "./solution";

// The reference is computed here, by hand, in float64 JavaScript: a 3 → 4 (tanh) → k dense network, its MSE, the
// gradient and one SGD or Adam step. Nothing of it comes from tf, so nothing the learner's code does to tf (or to the
// model it is given) can change what the tests expect.

/** One parameter: a dense layer's kernel [inputs, units] or bias [units], row-major. */
export type Param = { name: string; shape: [number] | [number, number]; values: number[] };
/** [layer 1 kernel, layer 1 bias, layer 2 kernel, layer 2 bias]. */
export type Weights = Param[];

const NAMES = ["layer 1 kernel", "layer 1 bias", "layer 2 kernel", "layer 2 bias"];
const HIDDEN_UNITS = 4;
const INPUTS = 3;

/** Starting weights from a seed, like Keras's initializers would draw them. */
export function initialWeights(rng: SeededRandom, outputs: number): Weights {
  return [
    { name: NAMES[0]!, shape: [INPUTS, HIDDEN_UNITS], values: rng.normalArray(INPUTS * HIDDEN_UNITS, 0, 0.6) },
    { name: NAMES[1]!, shape: [HIDDEN_UNITS], values: rng.uniformArray(HIDDEN_UNITS, -0.2, 0.2) },
    { name: NAMES[2]!, shape: [HIDDEN_UNITS, outputs], values: rng.normalArray(HIDDEN_UNITS * outputs, 0, 0.6) },
    { name: NAMES[3]!, shape: [outputs], values: rng.uniformArray(outputs, -0.2, 0.2) },
  ];
}

/** The model the learner trains: Keras's dense layers, holding `weights`. */
export function buildModel(tf: Tf, weights: Weights): LayersModel {
  const outputs = weights[3]!.shape[0];
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: HIDDEN_UNITS, inputShape: [INPUTS], activation: "tanh" }));
  model.add(tf.layers.dense({ units: outputs }));
  model.setWeights(weights.map((param) => tf.tensor(param.values, param.shape)));
  return model;
}

/**
 * The same network behind a BatchNormalization of its inputs (nothing of it is trainable). In training mode
 * it standardizes x with the batch's own mean and variance; in inference mode (model.predict) with its moving
 * statistics, which start at 0 and 1 — so a loss computed in inference mode is a different number.
 */
export function buildModelWithBatchNorm(tf: Tf, weights: Weights): LayersModel {
  const outputs = weights[3]!.shape[0];
  const model = tf.sequential();
  // γ = 1 and β = 0, frozen (tfjs 4.22 fails in training mode with center or scale off); a frozen BatchNormalization
  // still uses the batch's statistics in training mode in tfjs (TF 2's Keras would run it in inference mode).
  model.add(tf.layers.batchNormalization({ inputShape: [INPUTS], trainable: false }));
  model.add(tf.layers.dense({ units: HIDDEN_UNITS, activation: "tanh" }));
  model.add(tf.layers.dense({ units: outputs }));
  model.layers[1]!.setWeights(weights.slice(0, 2).map((param) => tf.tensor(param.values, param.shape)));
  model.layers[2]!.setWeights(weights.slice(2).map((param) => tf.tensor(param.values, param.shape)));
  return model;
}

/** What BatchNormalization computes in training mode: each column minus its batch mean, over √(variance + 0.001). */
export function standardizedByHand(x: number[][]): number[][] {
  const columns = x[0]?.length ?? 0;
  const stats = Array.from({ length: columns }, (_, d) => {
    const mean = x.reduce((sum, row) => sum + (row[d] ?? NaN), 0) / x.length;
    const variance = x.reduce((sum, row) => sum + ((row[d] ?? NaN) - mean) ** 2, 0) / x.length;
    return { mean, scale: Math.sqrt(variance + 0.001) };
  });
  return x.map((row) => row.map((v, d) => (v - (stats[d]?.mean ?? NaN)) / (stats[d]?.scale ?? NaN)));
}

/** The model's dense variables in the order of `Weights`, taken before the learner's code sees the model. */
export function variablesOf(model: LayersModel): { name: string; variable: Variable }[] {
  return model.layers.filter((layer) => layer.getClassName() === "Dense").flatMap((layer, i) =>
    ["kernel", "bias"].map((kind) => {
      const weight = layer.weights.find((w) => w.originalName.endsWith(`/${kind}`));
      if (!weight) throw new Error(`layer ${i + 1} has no ${kind}`);
      return { name: `layer ${i + 1} ${kind}`, variable: weight.read() as Variable };
    }),
  );
}

const at = (param: Param, row: number, column: number) => param.values[row * (param.shape[1] ?? 1) + column] ?? NaN;

function forward(weights: Weights, x: number[][]) {
  const [k1, b1, k2, b2] = weights as [Param, Param, Param, Param];
  const outputs = b2.shape[0];
  const h = x.map((row) => b1.values.map((bias, j) => Math.tanh(row.reduce((sum, xd, d) => sum + xd * at(k1, d, j), bias))));
  const yHat = h.map((row) => Array.from({ length: outputs }, (_, o) => row.reduce((sum, hj, j) => sum + hj * at(k2, j, o), b2.values[o] ?? NaN)));
  return { h, yHat };
}

/** The mean over every element of (y − ŷ)². */
export function mseByHand(weights: Weights, x: number[][], y: number[][]): number {
  const { yHat } = forward(weights, x);
  const squares = yHat.flatMap((row, i) => row.map((value, o) => (value - (y[i]?.[o] ?? NaN)) ** 2));
  return squares.reduce((sum, s) => sum + s, 0) / squares.length;
}

/** ∂L/∂w for every parameter, by backpropagation through the two layers. */
export function gradientsByHand(weights: Weights, x: number[][], y: number[][]): Weights {
  const [k1, , k2, b2] = weights as [Param, Param, Param, Param];
  const outputs = b2.shape[0];
  const { h, yHat } = forward(weights, x);
  const count = x.length * outputs;
  const dY = yHat.map((row, i) => row.map((value, o) => (2 * (value - (y[i]?.[o] ?? NaN))) / count));
  const dPre = h.map((row, i) => row.map((hj, j) => (1 - hj * hj) * (dY[i] ?? []).reduce((sum, d, o) => sum + d * at(k2, j, o), 0)));
  const sumOver = (rows: number[][], f: (row: number[], i: number) => number) => rows.reduce((sum, row, i) => sum + f(row, i), 0);
  return [
    { ...k1, values: Array.from({ length: INPUTS * HIDDEN_UNITS }, (_, n) => sumOver(x, (row, i) => (row[Math.floor(n / HIDDEN_UNITS)] ?? NaN) * (dPre[i]?.[n % HIDDEN_UNITS] ?? NaN))) },
    { ...weights[1]!, values: Array.from({ length: HIDDEN_UNITS }, (_, j) => sumOver(dPre, (row) => row[j] ?? NaN)) },
    { ...k2, values: Array.from({ length: HIDDEN_UNITS * outputs }, (_, n) => sumOver(h, (row, i) => (row[Math.floor(n / outputs)] ?? NaN) * (dY[i]?.[n % outputs] ?? NaN))) },
    { ...b2, values: Array.from({ length: outputs }, (_, o) => sumOver(dY, (row) => row[o] ?? NaN)) },
  ];
}

/** w − lr·g on the trainable parameters (by index); the others stay as they are. */
export function sgdByHand(weights: Weights, gradients: Weights, lr: number, trainable = [true, true, true, true]): Weights {
  return weights.map((param, p) => (trainable[p] ? { ...param, values: param.values.map((w, n) => w - lr * (gradients[p]?.values[n] ?? NaN)) } : param));
}

/** tf.train.adam(lr)'s defaults: β1 0.9, β2 0.999, ε the backend's (1e-7 on float32 backends). */
export function adamByHand(lr: number, epsilon = 1e-7) {
  const [beta1, beta2] = [0.9, 0.999];
  let m: number[][] | null = null;
  let v: number[][] | null = null;
  let t = 0;
  return (weights: Weights, gradients: Weights): Weights => {
    t++;
    m = gradients.map((g, p) => g.values.map((gn, n) => beta1 * (m?.[p]?.[n] ?? 0) + (1 - beta1) * gn));
    v = gradients.map((g, p) => g.values.map((gn, n) => beta2 * (v?.[p]?.[n] ?? 0) + (1 - beta2) * gn * gn));
    return weights.map((param, p) => ({
      ...param,
      values: param.values.map((w, n) => {
        const mHat = (m?.[p]?.[n] ?? NaN) / (1 - beta1 ** t);
        const vHat = (v?.[p]?.[n] ?? NaN) / (1 - beta2 ** t);
        return w - (lr * mHat) / (Math.sqrt(vHat) + epsilon);
      }),
    }));
  };
}

/** A parameter as the nested arrays expectClose compares with. */
export function nested(param: Param): number[] | number[][] {
  const [rows, columns] = param.shape;
  if (columns === undefined) return param.values;
  return Array.from({ length: rows }, (_, r) => param.values.slice(r * columns, (r + 1) * columns));
}

export const rowsOf = (values: number[], columns: number) => Array.from({ length: values.length / columns }, (_, r) => values.slice(r * columns, (r + 1) * columns));

export default defineTests<typeof Reference>(({ test, tf, solution, random, expectNumber, expectClose, expectNoLeak, expectTrue, readValues, snapshotInputs }) => {
  const rng = random(16);
  const start = initialWeights(rng, 2);
  const x = rowsOf(rng.normalArray(12), 3);
  const y = rowsOf(rng.normalArray(8), 2);
  const batch = () => ({ xs: tf.tensor2d(x), ys: tf.tensor2d(y) });
  const lr = 0.1;

  const expectWeights = (actual: { name: string; variable: Tensor }[], expected: Weights, label: string, hint: string) => {
    actual.forEach(({ name, variable }, p) => {
      expectClose(variable, nested(expected[p]!), { label: `${name} ${label}`, hint: { values: hint } });
    });
  };

  test("returns the mean squared error before the update, as a number", async () => {
    const expected = mseByHand(start, x, y);
    const { xs, ys } = batch();
    const loss = expectNumber(await solution.trainStep(buildModel(tf, start), tf.train.sgd(lr), xs, ys), { label: "trainStep(model, sgd, x, y)" });
    expectClose(loss, expected, {
      label: "the loss trainStep returned",
      hint: {
        values:
          "return the loss computed before the update (the cost minimize() returns), as the mean over every element of (y − ŷ)², not a sum.",
      },
    });
  }, { points: 2 });

  test("applies one SGD step, w − lr·∂L/∂w, to every trainable weight", async () => {
    const expected = sgdByHand(start, gradientsByHand(start, x, y), lr);
    const model = buildModel(tf, start);
    const variables = variablesOf(model);
    const { xs, ys } = batch();
    await solution.trainStep(model, tf.train.sgd(lr), xs, ys);
    expectWeights(
      variables,
      expected,
      "after one step",
      "minimize the MSE (mean, not sum) with the optimizer you were given, over model.trainableWeights (each w.read()); one step, downhill.",
    );
  }, { points: 3 });

  test("the step goes downhill: the loss is lower afterwards", async () => {
    const before = mseByHand(start, x, y);
    const model = buildModel(tf, start);
    const variables = variablesOf(model);
    const { xs, ys } = batch();
    await solution.trainStep(model, tf.train.sgd(lr), xs, ys);
    const now: Weights = variables.map(({ variable }, p) => ({ ...start[p]!, values: readValues(variable, { label: start[p]!.name }).values }));
    const after = mseByHand(now, x, y);
    expectTrue(
      after < before,
      `The loss went from ${before.toFixed(5)} to ${after.toFixed(5)} after trainStep: it must decrease. Minimize the loss (the optimizer subtracts the gradient); don't flip its sign, and do apply the update.`,
    );
  });

  test("a frozen layer keeps its weights; the trainable ones still learn", async () => {
    const expected = sgdByHand(start, gradientsByHand(start, x, y), lr, [false, false, true, true]);
    const model = buildModel(tf, start);
    model.layers[0]!.trainable = false;
    const variables = variablesOf(model);
    const { xs, ys } = batch();
    await solution.trainStep(model, tf.train.sgd(lr), xs, ys);
    expectWeights(variables, expected, "after one step with layer 1 frozen", "update model.trainableWeights only: a layer with trainable = false must not change.");
  }, { points: 2 });

  test("runs the model in training mode: with BatchNormalization, the loss and the step use the batch's statistics", async () => {
    const standardized = standardizedByHand(x);
    const expectedLoss = mseByHand(start, standardized, y);
    const expected = sgdByHand(start, gradientsByHand(start, standardized, y), lr);
    const model = buildModelWithBatchNorm(tf, start);
    const variables = variablesOf(model);
    const { xs, ys } = batch();
    const hint = "call the model with model.apply(x, { training: true }) inside the loss: model.predict(x) runs it in inference mode, where Dropout does nothing and BatchNormalization uses its moving statistics instead of the batch's.";
    const loss = expectNumber(await solution.trainStep(model, tf.train.sgd(lr), xs, ys), { label: "trainStep(model with BatchNormalization, sgd, x, y)" });
    expectClose(loss, expectedLoss, { label: "the loss of a model with BatchNormalization", hint: { values: hint } });
    expectWeights(variables, expected, "after one step of a model with BatchNormalization", hint);
  }, { points: 2 });

  test("x and y are left as they were", async () => {
    const { xs, ys } = batch();
    const inputs = snapshotInputs({ x: xs, y: ys }, { label: "trainStep(model, sgd, x, y)" });
    const loss = expectNumber(await solution.trainStep(buildModel(tf, start), tf.train.sgd(lr), xs, ys), { label: "trainStep(model, sgd, x, y)" });
    inputs.expectUnchanged();
    expectClose(loss, mseByHand(start, x, y), { label: "the loss trainStep returned" });
  });

  test("no tensor leaks: a second step leaves tf.memory().numTensors unchanged", async () => {
    const adam = adamByHand(0.01);
    const afterFirst = adam(start, gradientsByHand(start, x, y));
    const expected = mseByHand(afterFirst, x, y);
    const model = buildModel(tf, start);
    const optimizer = tf.train.adam(0.01);
    const { xs, ys } = batch();
    await solution.trainStep(model, optimizer, xs, ys); // creates Adam's moments: state, not a leak
    const loss = await expectNoLeak(async () => solution.trainStep(model, optimizer, xs, ys), { label: "the second trainStep" });
    expectClose(expectNumber(loss, { label: "the second trainStep" }), expected, {
      label: "the loss of the second Adam step",
      hint: { values: "use the optimizer you are given, every call: Adam's moments carry over from one step to the next, so a new optimizer per call starts them again." },
    });
  });
});
