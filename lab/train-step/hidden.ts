import { defineTests } from "@/lib/lab/api";
import type * as Reference from "./solution";
import { buildModel, mse, namedWeights, trainableVariables } from "./tests";

export default defineTests<typeof Reference>(({ test, tf, solution, random, expectNumber, expectClose }) => {
  test("two Adam steps match a reference Adam run on a twin model", async () => {
    const rng = random(33);
    const x = tf.tensor2d(rng.normalArray(15), [5, 3]);
    const y = tf.tensor2d(rng.normalArray(15), [5, 3]);
    const twin = buildModel(tf, { outputs: 3, seed: 9 });
    const twinOptimizer = tf.train.adam(0.05);
    twinOptimizer.minimize(() => mse(tf, twin, x, y), false, trainableVariables(twin));
    const secondLoss = twinOptimizer.minimize(() => mse(tf, twin, x, y), true, trainableVariables(twin))?.dataSync()[0] ?? NaN;

    const model = buildModel(tf, { outputs: 3, seed: 9 });
    const optimizer = tf.train.adam(0.05);
    await solution.trainStep(model, optimizer, x, y);
    const loss = expectNumber(await solution.trainStep(model, optimizer, x, y), { label: "the second trainStep" });
    expectClose(loss, secondLoss, { label: "the loss of the second Adam step" });
    const expected = namedWeights(twin);
    namedWeights(model).forEach(({ name, value }, i) => {
      expectClose(value, expected[i]?.value ?? [], {
        label: `${name} after two Adam steps`,
        hint: { values: "let the optimizer you were given apply the gradients; don't update weights by hand." },
      });
    });
  }, { hidden: true, points: 2 });

  test("a batch of one sample with one output", async () => {
    const x = tf.tensor2d([[0.5, -1.5, 2]]);
    const y = tf.tensor2d([[0.25]]);
    const twin = buildModel(tf, { outputs: 1, seed: 4 });
    const expectedLoss = mse(tf, twin, x, y).dataSync()[0] ?? NaN;
    const loss = expectNumber(await solution.trainStep(buildModel(tf, { outputs: 1, seed: 4 }), tf.train.sgd(0.05), x, y), {
      label: "trainStep on a [1, 3] batch",
    });
    expectClose(loss, expectedLoss, { label: "the loss for a single sample" });
  }, { hidden: true });
});
