import { defineTests, type Tensor, type Tf } from "@/lib/lab/api";
import type { LayersModel, Scalar, Variable } from "@tensorflow/tfjs";
import type * as Reference from "./solution";

/** A 3 → 4 (tanh) → outputs model whose initial weights depend only on the seeds: two calls build twins. */
export function buildModel(tf: Tf, options: { outputs?: number; seed?: number } = {}): LayersModel {
  const { outputs = 2, seed = 1 } = options;
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      units: 4,
      inputShape: [3],
      activation: "tanh",
      kernelInitializer: tf.initializers.randomNormal({ mean: 0, stddev: 0.6, seed }),
      biasInitializer: tf.initializers.randomUniform({ minval: -0.2, maxval: 0.2, seed: seed + 1 }),
    }),
  );
  model.add(
    tf.layers.dense({
      units: outputs,
      kernelInitializer: tf.initializers.randomNormal({ mean: 0, stddev: 0.6, seed: seed + 2 }),
      biasInitializer: tf.initializers.randomUniform({ minval: -0.2, maxval: 0.2, seed: seed + 3 }),
    }),
  );
  return model;
}

export function mse(tf: Tf, model: LayersModel, x: Tensor, y: Tensor): Scalar {
  return tf.losses.meanSquaredError(y, model.apply(x) as Tensor) as Scalar;
}

export function trainableVariables(model: LayersModel): Variable[] {
  return model.trainableWeights.map((weight) => weight.read() as Variable);
}

/** Every weight of every layer, with a name a learner can find: "layer 1 kernel". */
export function namedWeights(model: LayersModel): { name: string; value: Tensor }[] {
  return model.layers.flatMap((layer, i) =>
    layer.weights.map((weight) => ({ name: `layer ${i + 1} ${weight.originalName.split("/").pop() ?? ""}`, value: weight.read() })),
  );
}

export default defineTests<typeof Reference>(({ test, tf, solution, random, expectNumber, expectClose, expectNoLeak, expectTrue }) => {
  const rng = random(16);
  const xValues = rng.normalArray(12);
  const yValues = rng.normalArray(8);
  const batch = () => ({ x: tf.tensor2d(xValues, [4, 3]), y: tf.tensor2d(yValues, [4, 2]) });
  const lr = 0.1;

  /** The reference: the twin's loss and one SGD step w − lr·∂L/∂w on its trainable weights, computed here. */
  const sgdReference = (twin: LayersModel, x: Tensor, y: Tensor) => {
    const variables = trainableVariables(twin);
    const { value, grads } = tf.variableGrads(() => mse(tf, twin, x, y), variables);
    const loss = value.dataSync()[0] ?? NaN;
    const after = namedWeights(twin).map(({ name, value: weight }) => {
      const variable = variables.find((v) => v.name === (weight as Variable).name);
      const grad = variable ? grads[variable.name] : undefined;
      return { name, value: grad ? tf.sub(weight, tf.mul(lr, grad)) : tf.clone(weight) };
    });
    return { loss, after };
  };

  test("returns the mean squared error before the update, as a number", async () => {
    const { x, y } = batch();
    const expected = sgdReference(buildModel(tf), x, y);
    const loss = expectNumber(await solution.trainStep(buildModel(tf), tf.train.sgd(lr), x, y), { label: "trainStep(model, sgd, x, y)" });
    expectClose(loss, expected.loss, {
      label: "the loss trainStep returned",
      hint: {
        values:
          "return the loss computed before the update (the cost minimize() returns), as the mean over every element of (y − ŷ)², not a sum.",
      },
    });
  }, { points: 2 });

  test("applies one SGD step, w − lr·∂L/∂w, to every trainable weight", async () => {
    const { x, y } = batch();
    const expected = sgdReference(buildModel(tf), x, y);
    const model = buildModel(tf);
    await solution.trainStep(model, tf.train.sgd(lr), x, y);
    namedWeights(model).forEach(({ name, value }, i) => {
      expectClose(value, expected.after[i]?.value ?? [], {
        label: `${name} after one step`,
        hint: {
          values:
            "minimize the MSE (mean, not sum) with the optimizer you were given, over model.trainableWeights (each w.read()); one step, downhill.",
        },
      });
    });
  }, { points: 3 });

  test("the step goes downhill: the loss is lower afterwards", async () => {
    const { x, y } = batch();
    const model = buildModel(tf);
    const before = mse(tf, model, x, y).dataSync()[0] ?? NaN;
    await solution.trainStep(model, tf.train.sgd(lr), x, y);
    const after = mse(tf, model, x, y).dataSync()[0] ?? NaN;
    expectTrue(
      after < before,
      `The loss went from ${before.toFixed(5)} to ${after.toFixed(5)} after trainStep: it must decrease. Minimize the loss (the optimizer subtracts the gradient); don't flip its sign, and do apply the update.`,
    );
  });

  test("a frozen layer keeps its weights; the trainable ones still learn", async () => {
    const { x, y } = batch();
    const twin = buildModel(tf);
    twin.layers[0]!.trainable = false;
    const expected = sgdReference(twin, x, y);
    const model = buildModel(tf);
    model.layers[0]!.trainable = false;
    await solution.trainStep(model, tf.train.sgd(lr), x, y);
    namedWeights(model).forEach(({ name, value }, i) => {
      expectClose(value, expected.after[i]?.value ?? [], {
        label: `${name} after one step with layer 1 frozen`,
        hint: { values: "update model.trainableWeights only: a layer with trainable = false must not change." },
      });
    });
  }, { points: 2 });

  test("no tensor leaks: a second step leaves tf.memory().numTensors unchanged", async () => {
    const { x, y } = batch();
    const model = buildModel(tf);
    const optimizer = tf.train.adam(0.01);
    await solution.trainStep(model, optimizer, x, y); // creates Adam's moments: state, not a leak
    await expectNoLeak(async () => {
      await solution.trainStep(model, optimizer, x, y);
    }, { label: "the second trainStep" });
  });
});
