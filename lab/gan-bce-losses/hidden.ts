import { defineTests } from "@/lib/lab/api";
import type * as Reference from "./solution";
import { discriminatorByHand, generatorByHand } from "./tests";

export default defineTests<typeof Reference>(({ test, tf, solution, random, expectScalar }) => {
  test("different batch sizes for real and fake logits", () => {
    const rng = random(18);
    const real = rng.normalArray(6, 1, 2);
    const fake = rng.normalArray(3, -1, 2);
    expectScalar(solution.discriminatorLoss(tf.tensor1d(real), tf.tensor1d(fake)), discriminatorByHand(real, fake), {
      label: "discriminatorLoss(real [6], fake [3])",
      hint: { values: "mean each part over its own batch, then average the two means." },
    });
  }, { hidden: true });

  test("a discriminator fooled completely (fake logits +40, real −40) gives large finite losses", () => {
    const real = [-40, -35];
    const fake = [40, 35];
    expectScalar(solution.discriminatorLoss(tf.tensor1d(real), tf.tensor1d(fake)), discriminatorByHand(real, fake), { label: "discriminatorLoss, fooled" });
    expectScalar(solution.generatorLoss(tf.tensor1d(fake)), generatorByHand(fake), { label: "generatorLoss, fooled" });
  }, { hidden: true });
});
