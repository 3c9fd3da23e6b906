import { defineTests } from "@/lib/lab/api";
import type * as Reference from "./solution";

/** softplus in float64 without overflow. */
export const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
export const mean = (values: number[]) => values.reduce((sum, x) => sum + x, 0) / values.length;
export const discriminatorByHand = (real: number[], fake: number[]) =>
  0.5 * (mean(real.map((l) => softplus(-l))) + mean(fake.map((l) => softplus(l))));
export const generatorByHand = (fake: number[]) => mean(fake.map((l) => softplus(-l)));
export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
/** ∂L_D/∂ℓ_real = −½·σ(−ℓ)/n_real, ∂L_D/∂ℓ_fake = ½·σ(ℓ)/n_fake; ∂L_G/∂ℓ_fake = −σ(−ℓ)/n_fake. */
export const discriminatorGradients = (real: number[], fake: number[]) => ({
  real: real.map((l) => (-0.5 * sigmoid(-l)) / real.length),
  fake: fake.map((l) => (0.5 * sigmoid(l)) / fake.length),
});
export const generatorGradient = (fake: number[]) => fake.map((l) => -sigmoid(-l) / fake.length);

export default defineTests<typeof Reference>(({ test, tf, solution, expectScalar, expectNoLeak, expectGradientClose, snapshotInputs }) => {
  const real = [2.5, 0.3, 1.2, -0.4];
  const fake = [-1.8, 0.6, -0.2, -3.1];

  test("discriminatorLoss = ½·(mean BCE(real, 1) + mean BCE(fake, 0)), a scalar", () => {
    expectScalar(solution.discriminatorLoss(tf.tensor2d(real, [4, 1]), tf.tensor2d(fake, [4, 1])), discriminatorByHand(real, fake), {
      label: "discriminatorLoss(real [4, 1], fake [4, 1])",
      hint: {
        shape: "average over every element: the loss is a scalar.",
        values: "real logits get label 1 (softplus(−ℓ)), fake logits label 0 (softplus(ℓ)); mean each, then average the two.",
      },
    });
  }, { points: 2 });

  test("generatorLoss = mean BCE(fake, 1), the non-saturating loss, a scalar", () => {
    expectScalar(solution.generatorLoss(tf.tensor2d(fake, [4, 1])), generatorByHand(fake), {
      label: "generatorLoss(fake [4, 1])",
      hint: { values: "the generator wants its fakes called real: label 1, i.e. mean softplus(−ℓ), not mean log(1 − σ(ℓ))." },
    });
  }, { points: 2 });

  test("extreme logits (±200) give finite, exact losses", () => {
    const confidentReal = [200, 150];
    const confidentFake = [-200, -150];
    const hint = {
      values:
        "log(sigmoid(−200)) is log(0) = −Infinity in float32, so compute from logits with tf.softplus (or tf.losses.sigmoidCrossEntropy) — and keep real → 1, fake → 0, generator → 1.",
      nan: "compute the loss from logits with tf.softplus (or tf.losses.sigmoidCrossEntropy), never log(sigmoid(x)).",
    };
    expectScalar(solution.generatorLoss(tf.tensor1d(confidentFake)), generatorByHand(confidentFake), { label: "generatorLoss([-200, -150])", hint });
    expectScalar(solution.discriminatorLoss(tf.tensor1d(confidentFake), tf.tensor1d(confidentReal)), discriminatorByHand(confidentFake, confidentReal), {
      label: "discriminatorLoss(real [-200, -150], fake [200, 150])",
      hint,
    });
  }, { points: 2 });

  test("the generator gets a strong gradient where the discriminator rejects its fakes", () => {
    const rejected = [-6, -5, -7];
    // d/dℓ softplus(−ℓ) = −σ(−ℓ) ≈ −1 per logit, divided by the batch size
    expectGradientClose((logits) => solution.generatorLoss(logits), [tf.tensor1d(rejected)], [generatorGradient(rejected)], {
      label: "generatorLoss(fake logits ≈ −6)",
      names: ["the fake logits"],
      hint: { values: "the saturating loss mean log(1 − σ(ℓ)) has a gradient ≈ 0 here; use label 1 for the fakes (softplus(−ℓ))." },
    });
  });

  test("the discriminator's loss trains it: ∂L_D/∂ℓ_real = −½·σ(−ℓ)/n, ∂L_D/∂ℓ_fake = ½·σ(ℓ)/n", () => {
    const { real: dReal, fake: dFake } = discriminatorGradients(real, fake);
    expectGradientClose((r, f) => solution.discriminatorLoss(r, f), [tf.tensor2d(real, [4, 1]), tf.tensor2d(fake, [4, 1])], [dReal.map((g) => [g]), dFake.map((g) => [g])], {
      label: "discriminatorLoss(real, fake)",
      names: ["the real logits", "the fake logits"],
      hint: "compute the loss with tf ops (tf.softplus or tf.losses.sigmoidCrossEntropy) from the logits: a number read with dataSync() and wrapped in tf.scalar has no gradient.",
    });
  }, { points: 2 });

  test("the logits are left as they were", () => {
    const [r, f] = [tf.tensor2d(real, [4, 1]), tf.tensor2d(fake, [4, 1])];
    const inputs = snapshotInputs({ realLogits: r, fakeLogits: f }, { label: "discriminatorLoss and generatorLoss" });
    const d = solution.discriminatorLoss(r, f);
    const g = solution.generatorLoss(f);
    inputs.expectUnchanged();
    expectScalar(d, discriminatorByHand(real, fake), { label: "discriminatorLoss(real, fake)" });
    expectScalar(g, generatorByHand(fake), { label: "generatorLoss(fake)" });
  });

  test("no tensor leaks", () => {
    const r = tf.tensor2d(real, [4, 1]);
    const f = tf.tensor2d(fake, [4, 1]);
    expectScalar(expectNoLeak(() => solution.discriminatorLoss(r, f), { label: "discriminatorLoss(real, fake)" }), discriminatorByHand(real, fake), {
      label: "discriminatorLoss(real, fake)",
    });
    expectScalar(expectNoLeak(() => solution.generatorLoss(f), { label: "generatorLoss(fake)" }), generatorByHand(fake), { label: "generatorLoss(fake)" });
  });
});
