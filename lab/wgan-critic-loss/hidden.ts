import { defineTests } from "@/lib/lab/api";
import type * as Reference from "./solution";
import { gradientPenaltyByHand, mlpCritic, softplusCriticWithVariables, penaltyGradientsByHand } from "./tests";

export default defineTests<typeof Reference>(({ test, tf, solution, random, expectScalar, expectGradientClose }) => {
  test("gradientPenalty on rank-3 sequences with another critic — one norm per sample over every non-batch axis, α weights real", () => {
    const rng = random(21);
    const weights = { W: Array.from({ length: 6 }, () => rng.normalArray(3, 0, 0.7)), v: rng.normalArray(3, 0, 1.5) };
    const realRows = [0, 1, 2, 3].map(() => rng.normalArray(6, 0.5, 1));
    const fakeRows = [0, 1, 2, 3].map(() => rng.normalArray(6, -0.5, 1));
    const alpha = [0.1, 0.35, 0.65, 0.95];
    const penalty = solution.gradientPenalty(
      mlpCritic(tf, weights),
      tf.tensor3d(realRows.flat(), [4, 2, 3]),
      tf.tensor3d(fakeRows.flat(), [4, 2, 3]),
      tf.tensor3d(alpha, [4, 1, 1]),
    );
    expectScalar(penalty, gradientPenaltyByHand(weights, realRows, fakeRows, alpha), {
      label: "gradientPenalty(critic, real [4, 2, 3], fake [4, 2, 3], alpha [4, 1, 1])",
    });
  }, { hidden: true, points: 2 });

  test("criticLoss and generatorLoss on 1-D score vectors of another batch size — plain means over the batch, critic: fake − real", () => {
    const real = [3, -1, 0.5, 2, 4, 1.5];
    const fake = [0.2, -2, 1, 0, -0.5, 0.1];
    const mean = (values: number[]) => values.reduce((sum, x) => sum + x, 0) / values.length;
    expectScalar(solution.criticLoss(tf.tensor1d(real), tf.tensor1d(fake)), mean(fake) - mean(real), { label: "criticLoss(real [6], fake [6])" });
    expectScalar(solution.generatorLoss(tf.tensor1d(fake)), -mean(fake), { label: "generatorLoss(fake [6])" });
  }, { hidden: true });

  test("the penalty's gradient with respect to another critic's weights — keep the whole penalty in tensors", () => {
    const rng = random(24);
    const weights = { W: Array.from({ length: 4 }, () => rng.normalArray(3, 0, 0.7)), v: rng.normalArray(3, 0, 1.5) };
    const realRows = [0, 1].map(() => rng.normalArray(4, 0.5, 1));
    const fakeRows = [0, 1].map(() => rng.normalArray(4, -0.5, 1));
    const alpha = [0.15, 0.85];
    const { dW, dv } = penaltyGradientsByHand(weights, realRows, fakeRows, alpha);
    const { critic, kernel, output } = softplusCriticWithVariables(tf, weights);
    const [realX, fakeX, alphaT] = [tf.tensor3d(realRows.flat(), [2, 2, 2]), tf.tensor3d(fakeRows.flat(), [2, 2, 2]), tf.tensor3d(alpha, [2, 1, 1])];
    expectGradientClose(() => solution.gradientPenalty(critic, realX, fakeX, alphaT), [kernel, output], [dW, dv.map((g) => [g])], {
      label: "gradientPenalty(critic, real, fake, alpha)",
      names: ["the critic's first kernel", "the critic's output kernel"],
    });
  }, { hidden: true });
});
