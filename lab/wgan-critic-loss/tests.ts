import { defineTests, type Tensor, type Tf } from "@/lib/lab/api";
import type * as Reference from "./solution";

/** A one-hidden-layer critic D(x) = tanh(flatten(x)·W)·v: nonlinear, per sample, [batch, 1] scores. */
export type MlpWeights = { W: number[][]; v: number[] };

export function mlpCritic(tf: Tf, { W, v }: MlpWeights) {
  return (x: Tensor): Tensor => {
    const flat = tf.reshape(x, [x.shape[0] ?? 1, -1]);
    return tf.matMul(tf.tanh(tf.matMul(flat, tf.tensor2d(W))), tf.tensor2d(v, [v.length, 1]));
  };
}

/** The penalty in float64, by hand: ∂D/∂x_d = Σ_h W[d][h]·v[h]·(1 − tanh²(x·W)_h). */
export function gradientPenaltyByHand(weights: MlpWeights, real: number[][], fake: number[][], alpha: number[]): number {
  const { W, v } = weights;
  const penalties = real.map((realRow, i) => {
    const a = alpha[i] ?? NaN;
    const x = realRow.map((r, d) => a * r + (1 - a) * (fake[i]?.[d] ?? NaN));
    const hidden = v.map((_, h) => Math.tanh(x.reduce((sum, xd, d) => sum + xd * (W[d]?.[h] ?? NaN), 0)));
    const gradient = x.map((_, d) => v.reduce((sum, vh, h) => sum + (W[d]?.[h] ?? NaN) * vh * (1 - (hidden[h] ?? NaN) ** 2), 0));
    const norm = Math.sqrt(gradient.reduce((sum, g) => sum + g * g, 0));
    return (norm - 1) ** 2;
  });
  return penalties.reduce((sum, p) => sum + p, 0) / penalties.length;
}

/**
 * ∂GP/∂W and ∂GP/∂v in float64, by hand, for the critic D(x) = softplus(flatten(x)·W)·v: the penalty's gradient with
 * respect to the critic's weights, which is what trains the critic. With a = x̂·W, s = σ(a) (softplus′), s′ = σ(a)(1 − σ(a)),
 * g_d = Σ_h W[d][h]·v[h]·s[h], c = 2(‖g‖ − 1)·g/‖g‖ and u[h] = Σ_d c_d·W[d][h]:
 * ∂P/∂v[h] = u[h]·s[h] and ∂P/∂W[d][h] = v[h]·(c_d·s[h] + u[h]·s′[h]·x̂_d), averaged over the batch.
 *
 * Softplus, not tanh: tfjs 4.22 differentiates a gradient wrongly through ops whose backward pass reuses their own
 * output (tanh, sigmoid, exp…), so a tanh critic's penalty gradient is off in every correct solution.
 */
export function penaltyGradientsByHand(weights: MlpWeights, real: number[][], fake: number[][], alpha: number[]): { dW: number[][]; dv: number[] } {
  const { W, v } = weights;
  const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
  const dW = W.map((row) => row.map(() => 0));
  const dv = v.map(() => 0);
  real.forEach((realRow, i) => {
    const a = alpha[i] ?? NaN;
    const x = realRow.map((r, d) => a * r + (1 - a) * (fake[i]?.[d] ?? NaN));
    const s = v.map((_, h) => sigmoid(x.reduce((sum, xd, d) => sum + xd * (W[d]?.[h] ?? NaN), 0)));
    const sPrime = s.map((sh) => sh * (1 - sh));
    const g = x.map((_, d) => v.reduce((sum, vh, h) => sum + (W[d]?.[h] ?? NaN) * vh * (s[h] ?? NaN), 0));
    const norm = Math.sqrt(g.reduce((sum, gd) => sum + gd * gd, 0));
    const c = g.map((gd) => (2 * (norm - 1) * gd) / norm);
    const u = v.map((_, h) => c.reduce((sum, cd, d) => sum + cd * (W[d]?.[h] ?? NaN), 0));
    v.forEach((vh, h) => {
      dv[h] = (dv[h] ?? 0) + ((u[h] ?? NaN) * (s[h] ?? NaN)) / real.length;
      x.forEach((xd, d) => {
        const row = dW[d] ?? [];
        row[h] = (row[h] ?? 0) + (vh * ((c[d] ?? NaN) * (s[h] ?? NaN) + (u[h] ?? NaN) * (sPrime[h] ?? NaN) * xd)) / real.length;
      });
    });
  });
  return { dW, dv };
}

/** D(x) = softplus(flatten(x)·W)·v with W and v as tf variables, for gradients with respect to them. */
export function softplusCriticWithVariables(tf: Tf, { W, v }: MlpWeights) {
  const kernel = tf.variable(tf.tensor2d(W));
  const output = tf.variable(tf.tensor2d(v, [v.length, 1]));
  const critic = (x: Tensor): Tensor => tf.matMul(tf.softplus(tf.matMul(tf.reshape(x, [x.shape[0] ?? 1, -1]), kernel)), output);
  return { critic, kernel, output };
}

const mean = (values: number[]) => values.reduce((sum, x) => sum + x, 0) / values.length;

export default defineTests<typeof Reference>(({ test, tf, solution, random, expectScalar, expectNoLeak, expectGradientClose, snapshotInputs }) => {
  const real = [0.9, 1.4, 0.2, 2.1];
  const fake = [-0.3, 0.5, -1.2, 0.1];

  test("criticLoss = mean(fake scores) − mean(real scores), a scalar", () => {
    const loss = solution.criticLoss(tf.tensor2d(real, [4, 1]), tf.tensor2d(fake, [4, 1]));
    expectScalar(loss, mean(fake) - mean(real), {
      label: "criticLoss(real, fake)",
      hint: {
        shape: "average over the whole batch: tf.mean(scores) with no axis.",
        values: "the critic minimizes mean(fake) − mean(real): it wants real scores high and fake scores low.",
      },
    });
  }, { points: 2 });

  test("generatorLoss = −mean(fake scores), a scalar", () => {
    const loss = solution.generatorLoss(tf.tensor2d(fake, [4, 1]));
    expectScalar(loss, -mean(fake), {
      label: "generatorLoss(fake)",
      hint: { values: "the generator minimizes −mean(fake): it wants the critic to score its samples high." },
    });
  });

  test("gradientPenalty is 0 for a linear critic whose gradient has norm 1", () => {
    const u = tf.tensor2d([0.6, 0, 0.8], [3, 1]); // ‖u‖ = 1, so ‖∇(x·u)‖ = 1 everywhere
    const critic = (x: Tensor) => tf.matMul(x, u);
    const rng = random(3);
    const realX = tf.tensor2d(rng.normalArray(6), [2, 3]);
    const fakeX = tf.tensor2d(rng.normalArray(6), [2, 3]);
    const alpha = tf.tensor2d([0.3, 0.8], [2, 1]);
    expectScalar(solution.gradientPenalty(critic, realX, fakeX, alpha), 0, {
      label: "gradientPenalty(linear critic with ‖∇D‖ = 1)",
      hint: { values: "the penalty is (‖g‖ − 1)²: it vanishes when every per-sample gradient norm is exactly 1." },
    });
  });

  test("gradientPenalty on [3, 3] inputs with a nonlinear critic", () => {
    const rng = random(20);
    const weights = { W: [0, 1, 2].map(() => rng.normalArray(4, 0, 0.8)), v: rng.normalArray(4, 0, 1) };
    const realRows = [0, 1, 2].map(() => rng.normalArray(3, 1, 1));
    const fakeRows = [0, 1, 2].map(() => rng.normalArray(3, -1, 1));
    const alpha = [0.2, 0.7, 0.9];
    const penalty = solution.gradientPenalty(mlpCritic(tf, weights), tf.tensor2d(realRows), tf.tensor2d(fakeRows), tf.tensor2d(alpha, [3, 1]));
    expectScalar(penalty, gradientPenaltyByHand(weights, realRows, fakeRows, alpha), {
      label: "gradientPenalty(critic, real [3, 3], fake [3, 3], alpha [3, 1])",
      hint: {
        values:
          "x̂ = α·real + (1 − α)·fake (α weights real); g = tf.grad(x => tf.sum(critic(x)))(x̂); one L2 norm per sample (sqrt of the sum of squares over axis 1); mean((norm − 1)²).",
      },
    });
  }, { points: 3 });

  test("gradientPenalty on [2, 3, 3, 1] images: one norm per image over height, width and channels", () => {
    const rng = random(11);
    const weights = { W: Array.from({ length: 9 }, () => rng.normalArray(5, 0, 0.5)), v: rng.normalArray(5, 0, 1) };
    const realRows = [0, 1].map(() => rng.uniformArray(9, 0, 1));
    const fakeRows = [0, 1].map(() => rng.uniformArray(9, -1, 0.5));
    const alpha = [0.25, 0.6];
    const penalty = solution.gradientPenalty(
      mlpCritic(tf, weights),
      tf.tensor4d(realRows.flat(), [2, 3, 3, 1]),
      tf.tensor4d(fakeRows.flat(), [2, 3, 3, 1]),
      tf.tensor4d(alpha, [2, 1, 1, 1]),
    );
    expectScalar(penalty, gradientPenaltyByHand(weights, realRows, fakeRows, alpha), {
      label: "gradientPenalty(critic, real [2, 3, 3, 1], fake [2, 3, 3, 1], alpha [2, 1, 1, 1])",
      hint: { values: "for images the per-sample norm runs over axes [1, 2, 3] together: every axis but the batch." },
    });
  }, { points: 2 });

  test("the losses' gradients: ∂criticLoss/∂real = −1/n, ∂criticLoss/∂fake = 1/n, ∂generatorLoss/∂fake = −1/n", () => {
    const hint = "compute the losses with tf ops from the scores: a number read with dataSync() and wrapped in tf.scalar has no gradient.";
    expectGradientClose((r, f) => solution.criticLoss(r, f), [tf.tensor2d(real, [4, 1]), tf.tensor2d(fake, [4, 1])], [real.map(() => [-1 / 4]), fake.map(() => [1 / 4])], {
      label: "criticLoss(real, fake)",
      names: ["the real scores", "the fake scores"],
      hint,
    });
    expectGradientClose((f) => solution.generatorLoss(f), [tf.tensor2d(fake, [4, 1])], [fake.map(() => [-1 / 4])], {
      label: "generatorLoss(fake)",
      names: ["the fake scores"],
      hint,
    });
  });

  test("the penalty trains the critic: its gradient with respect to the critic's weights", () => {
    const rng = random(22);
    const weights = { W: [0, 1, 2].map(() => rng.normalArray(4, 0, 0.8)), v: rng.normalArray(4, 0, 1) };
    const realRows = [0, 1, 2].map(() => rng.normalArray(3, 1, 1));
    const fakeRows = [0, 1, 2].map(() => rng.normalArray(3, -1, 1));
    const alpha = [0.2, 0.7, 0.9];
    const { dW, dv } = penaltyGradientsByHand(weights, realRows, fakeRows, alpha);
    const { critic, kernel, output } = softplusCriticWithVariables(tf, weights);
    const [realX, fakeX, alphaT] = [tf.tensor2d(realRows), tf.tensor2d(fakeRows), tf.tensor2d(alpha, [3, 1])];
    expectGradientClose(() => solution.gradientPenalty(critic, realX, fakeX, alphaT), [kernel, output], [dW, dv.map((g) => [g])], {
      label: "gradientPenalty(critic, real, fake, alpha)",
      names: ["the critic's first kernel", "the critic's output kernel"],
      hint: "keep the whole penalty in tensors — the norms, the (‖g‖ − 1)² and the mean — so that its gradient reaches the critic's weights (tf.grad's result is differentiable again); a penalty finished with dataSync() cannot train anything.",
    });
  }, { points: 2 });

  test("scores, samples and alpha are left as they were", () => {
    const rng = random(23);
    const weights = { W: [0, 1].map(() => rng.normalArray(3)), v: rng.normalArray(3) };
    const realRows = [0, 1].map(() => rng.normalArray(2));
    const fakeRows = [0, 1].map(() => rng.normalArray(2));
    const alpha = [0.4, 0.9];
    const [realScores, fakeScores] = [tf.tensor2d(real, [4, 1]), tf.tensor2d(fake, [4, 1])];
    const [realX, fakeX, alphaT] = [tf.tensor2d(realRows), tf.tensor2d(fakeRows), tf.tensor2d(alpha, [2, 1])];
    const inputs = snapshotInputs({ realScores, fakeScores, real: realX, fake: fakeX, alpha: alphaT }, { label: "criticLoss, generatorLoss and gradientPenalty" });
    const critic = solution.criticLoss(realScores, fakeScores);
    const generator = solution.generatorLoss(fakeScores);
    const penalty = solution.gradientPenalty(mlpCritic(tf, weights), realX, fakeX, alphaT);
    inputs.expectUnchanged();
    expectScalar(critic, mean(fake) - mean(real), { label: "criticLoss(real, fake)" });
    expectScalar(generator, -mean(fake), { label: "generatorLoss(fake)" });
    expectScalar(penalty, gradientPenaltyByHand(weights, realRows, fakeRows, alpha), { label: "gradientPenalty(critic, real, fake, alpha)" });
  });

  test("no tensor leaks from criticLoss, generatorLoss or gradientPenalty", () => {
    const realScores = tf.tensor2d(real, [4, 1]);
    const fakeScores = tf.tensor2d(fake, [4, 1]);
    expectScalar(expectNoLeak(() => solution.criticLoss(realScores, fakeScores), { label: "criticLoss(real, fake)" }), mean(fake) - mean(real), {
      label: "criticLoss(real, fake)",
    });
    expectScalar(expectNoLeak(() => solution.generatorLoss(fakeScores), { label: "generatorLoss(fake)" }), -mean(fake), { label: "generatorLoss(fake)" });
    const rng = random(5);
    const weights = { W: [0, 1].map(() => rng.normalArray(3)), v: rng.normalArray(3) };
    const critic = mlpCritic(tf, weights);
    const realRows = [0, 1].map(() => rng.normalArray(2));
    const fakeRows = [0, 1].map(() => rng.normalArray(2));
    const alpha = [0.4, 0.9];
    const [realX, fakeX, alphaT] = [tf.tensor2d(realRows), tf.tensor2d(fakeRows), tf.tensor2d(alpha, [2, 1])];
    const penalty = expectNoLeak(() => solution.gradientPenalty(critic, realX, fakeX, alphaT), { label: "gradientPenalty(critic, real, fake, alpha)" });
    expectScalar(penalty, gradientPenaltyByHand(weights, realRows, fakeRows, alpha), { label: "gradientPenalty(critic, real, fake, alpha)" });
  });
});
