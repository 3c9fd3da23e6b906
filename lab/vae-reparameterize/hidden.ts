import { defineTests } from "@/lib/lab/api";
import type * as Reference from "./solution";
import { klByHand, klGradientsByHand, zByHand } from "./tests";

export default defineTests<typeof Reference>(({ test, tf, solution, random, expectShape, expectClose, expectGradientClose }) => {
  test("a single unbatched sample: z of shape [latent], KL a scalar — reduce the last axis only", () => {
    const mu = [0.5, -1.2, 2, 0.1, -0.3, 0.7];
    const logVar = [-1, 0.4, -2.5, 1.2, 0, -0.6];
    const eps = [1.1, -0.4, 0.3, -1.8, 0.9, 0.05];
    const z = expectShape(solution.reparameterize(tf.tensor1d(mu), tf.tensor1d(logVar), tf.tensor1d(eps)), [6], { label: "reparameterize for a [6] sample" });
    expectClose(z, zByHand(mu, logVar, eps), { label: "reparameterize for a [6] sample" });
    const kl = expectShape(solution.klToStandardNormal(tf.tensor1d(mu), tf.tensor1d(logVar)), [], { label: "klToStandardNormal for a [6] sample" });
    expectClose(kl, klByHand([mu], [logVar])[0] ?? NaN, { label: "klToStandardNormal for a [6] sample" });
  }, { hidden: true, points: 2 });

  test("a wider batch with large and small variances: KL summed over the latent axis — σ² = exp(logVar), not exp(½·logVar)", () => {
    const rng = random(99);
    const mu = Array.from({ length: 5 }, () => rng.normalArray(16, 0, 2));
    const logVar = Array.from({ length: 5 }, () => rng.uniformArray(16, -4, 3));
    const kl = expectShape(solution.klToStandardNormal(tf.tensor2d(mu), tf.tensor2d(logVar)), [5], { label: "klToStandardNormal for a [5, 16] batch" });
    expectClose(kl, klByHand(mu, logVar), { label: "klToStandardNormal for a [5, 16] batch" });
  }, { hidden: true });

  test("the KL gradient with large and small variances — compute it with tf ops from mu and logVar", () => {
    const rng = random(100);
    const mu = Array.from({ length: 2 }, () => rng.normalArray(8, 0, 2));
    const logVar = Array.from({ length: 2 }, () => rng.uniformArray(8, -4, 3));
    const { dMu, dLogVar } = klGradientsByHand(mu, logVar);
    expectGradientClose((m, lv) => solution.klToStandardNormal(m, lv), [tf.tensor2d(mu), tf.tensor2d(logVar)], [dMu, dLogVar], {
      label: "Σ klToStandardNormal(mu, logVar)",
      names: ["mu", "logVar"],
    });
  }, { hidden: true });
});
