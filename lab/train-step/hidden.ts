import { defineTests } from "@/lib/lab/api";
import type * as Reference from "./solution";
import { adamByHand, buildModel, gradientsByHand, initialWeights, mseByHand, nested, rowsOf, variablesOf } from "./tests";

export default defineTests<typeof Reference>(({ test, tf, solution, random, expectNumber, expectClose }) => {
  test("two Adam steps match Adam computed by hand — use the optimizer you are given on every call (its moments carry over)", async () => {
    const rng = random(33);
    const start = initialWeights(random(9), 3);
    const x = rowsOf(rng.normalArray(15), 3);
    const y = rowsOf(rng.normalArray(15), 3);
    const adam = adamByHand(0.05);
    const afterOne = adam(start, gradientsByHand(start, x, y));
    const secondLoss = mseByHand(afterOne, x, y);
    const afterTwo = adam(afterOne, gradientsByHand(afterOne, x, y));

    const model = buildModel(tf, start);
    const variables = variablesOf(model);
    const optimizer = tf.train.adam(0.05);
    const [xs, ys] = [tf.tensor2d(x), tf.tensor2d(y)];
    await solution.trainStep(model, optimizer, xs, ys);
    const loss = expectNumber(await solution.trainStep(model, optimizer, xs, ys), { label: "the second trainStep" });
    expectClose(loss, secondLoss, { label: "the loss of the second Adam step" });
    variables.forEach(({ name, variable }, p) => {
      expectClose(variable, nested(afterTwo[p]!), {
        label: `${name} after two Adam steps`,
        hint: { values: "let the optimizer you were given apply the gradients; don't update weights by hand." },
      });
    });
  }, { hidden: true, points: 2 });

  test("a batch of one sample with one output — the mean over every element of (y − ŷ)², before the update", async () => {
    const start = initialWeights(random(4), 1);
    const x = [[0.5, -1.5, 2]];
    const y = [[0.25]];
    const expectedLoss = mseByHand(start, x, y);
    const loss = expectNumber(await solution.trainStep(buildModel(tf, start), tf.train.sgd(0.05), tf.tensor2d(x), tf.tensor2d(y)), {
      label: "trainStep on a [1, 3] batch",
    });
    expectClose(loss, expectedLoss, { label: "the loss for a single sample" });
  }, { hidden: true });
});
