import { defineTests } from "@/lib/lab/api";
import type * as Reference from "./solution";
import { discriminatorByHand, discriminatorGradients, generatorByHand } from "./tests";

export default defineTests<typeof Reference>(({ test, tf, solution, random, expectScalar, expectGradientClose }) => {
  test("different batch sizes for real and fake logits — mean each part over its own batch, then average the two", () => {
    const rng = random(18);
    const real = rng.normalArray(6, 1, 2);
    const fake = rng.normalArray(3, -1, 2);
    expectScalar(solution.discriminatorLoss(tf.tensor1d(real), tf.tensor1d(fake)), discriminatorByHand(real, fake), {
      label: "discriminatorLoss(real [6], fake [3])",
      hint: { values: "mean each part over its own batch, then average the two means." },
    });
  }, { hidden: true });

  test("a discriminator fooled completely gives large finite losses — compute from logits with tf.softplus, never log(sigmoid)", () => {
    const real = [-40, -35];
    const fake = [40, 35];
    expectScalar(solution.discriminatorLoss(tf.tensor1d(real), tf.tensor1d(fake)), discriminatorByHand(real, fake), { label: "discriminatorLoss, fooled" });
    expectScalar(solution.generatorLoss(tf.tensor1d(fake)), generatorByHand(fake), { label: "generatorLoss, fooled" });
  }, { hidden: true });

  test("the discriminator's gradient with different batch sizes — tf ops from the logits, each part averaged over its own batch", () => {
    const rng = random(19);
    const real = rng.normalArray(5, 1, 2);
    const fake = rng.normalArray(2, -1, 2);
    const { real: dReal, fake: dFake } = discriminatorGradients(real, fake);
    expectGradientClose((r, f) => solution.discriminatorLoss(r, f), [tf.tensor1d(real), tf.tensor1d(fake)], [dReal, dFake], {
      label: "discriminatorLoss(real, fake)",
      names: ["the real logits", "the fake logits"],
    });
  }, { hidden: true });
});
