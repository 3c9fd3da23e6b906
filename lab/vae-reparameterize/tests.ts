import { defineTests, isAssertionError, type Tensor } from "@/lib/lab/api";
import type * as Reference from "./solution";

export const zByHand = (mu: number[], logVar: number[], eps: number[]) =>
  mu.map((m, i) => m + Math.exp(0.5 * (logVar[i] ?? NaN)) * (eps[i] ?? NaN));

export const klByHand = (mu: number[][], logVar: number[][]) =>
  mu.map((row, r) => -0.5 * row.reduce((sum, m, j) => {
    const lv = logVar[r]?.[j] ?? NaN;
    return sum + (1 + lv - m * m - Math.exp(lv));
  }, 0));

export default defineTests<typeof Reference>(({ test, tf, solution, random, expectShape, expectClose, expectTensor, expectNoLeak, fail }) => {
  const rng = random(8);
  const mu = [0, 1, 2].map(() => rng.normalArray(4, 0, 1));
  const logVar = [0, 1, 2].map(() => rng.uniformArray(4, -2, 1.5));
  const eps = [0, 1, 2].map(() => rng.normalArray(4));
  const muT = () => tf.tensor2d(mu);
  const logVarT = () => tf.tensor2d(logVar);
  const epsT = () => tf.tensor2d(eps);

  test("z = μ + exp(½·logVar)·ε for a [3, 4] batch", () => {
    const z = expectShape(solution.reparameterize(muT(), logVarT(), epsT()), [3, 4], {
      label: "reparameterize(mu, logVar, epsilon)",
      hint: "z has the shape of mu: the operations are elementwise.",
    });
    expectClose(z, mu.map((row, r) => zByHand(row, logVar[r] ?? [], eps[r] ?? [])), {
      label: "reparameterize(mu, logVar, epsilon)",
      hint: {
        values: "σ = exp(½·logVar) — logVar is the log of the variance, so the ½ turns it into a standard deviation; and use the epsilon you are given.",
      },
    });
  }, { points: 2 });

  test("gradients reach μ and logVar: ∂Σz/∂μ = 1 and ∂Σz/∂logVar = ½·σ·ε", () => {
    const sumOfZ = (m: Tensor, lv: Tensor) => tf.sum(expectTensor(solution.reparameterize(m, lv, epsT()), { label: "reparameterize(mu, logVar, epsilon)" }));
    let gradients: Tensor[] = [];
    try {
      gradients = tf.grads(sumOfZ)([muT(), logVarT()]);
    } catch (error) {
      if (isAssertionError(error)) throw error;
      fail(
        `tf.grads could not differentiate reparameterize with respect to mu and logVar (${error instanceof Error ? error.message : String(error)}). ` +
          "Build z from mu and logVar with tensor ops only: reading values out (dataSync/arraySync) and making a new tensor cuts the gradient.",
      );
    }
    const [gradMu, gradLogVar] = gradients;
    expectClose(gradMu, mu.map((row) => row.map(() => 1)), { label: "∂Σz/∂μ" });
    expectClose(gradLogVar, logVar.map((row, r) => row.map((lv, j) => 0.5 * Math.exp(0.5 * lv) * (eps[r]?.[j] ?? NaN))), {
      label: "∂Σz/∂logVar",
      hint: { values: "z must be built from mu and logVar with tensor ops (no dataSync, no new tf.tensor), using exp(½·logVar)." },
    });
  }, { points: 2 });

  test("KL to the standard normal is 0 when μ = 0 and logVar = 0", () => {
    const kl = expectShape(solution.klToStandardNormal(tf.zeros([2, 4]), tf.zeros([2, 4])), [2], {
      label: "klToStandardNormal(0, 0) for a [2, 4] batch",
      hint: "one KL per sample: sum over the latent axis (-1) only.",
    });
    expectClose(kl, [0, 0], { label: "klToStandardNormal(0, 0)", hint: { values: "−½·Σ(1 + 0 − 0 − e⁰) = 0: check the 1 and the signs." } });
  });

  test("KL per sample = −½·Σ(1 + logVar − μ² − exp(logVar)), shape [batch]", () => {
    const kl = expectShape(solution.klToStandardNormal(muT(), logVarT()), [3], {
      label: "klToStandardNormal(mu, logVar) for a [3, 4] batch",
      hint: "sum over the latent axis only (axis = -1): one value per sample, not one for the batch.",
    });
    expectClose(kl, klByHand(mu, logVar), {
      label: "klToStandardNormal(mu, logVar)",
      hint: { values: "sum (not mean) over the latent dimensions, times −½; σ² = exp(logVar); the result is ≥ 0." },
    });
  }, { points: 2 });

  test("no tensor leaks from reparameterize or klToStandardNormal", () => {
    const m = muT();
    const lv = logVarT();
    const e = epsT();
    const z = expectNoLeak(() => solution.reparameterize(m, lv, e), { label: "reparameterize(mu, logVar, epsilon)" });
    expectClose(z, mu.map((row, r) => zByHand(row, logVar[r] ?? [], eps[r] ?? [])), { label: "reparameterize(mu, logVar, epsilon)" });
    const kl = expectNoLeak(() => solution.klToStandardNormal(m, lv), { label: "klToStandardNormal(mu, logVar)" });
    expectClose(kl, klByHand(mu, logVar), { label: "klToStandardNormal(mu, logVar)" });
  });
});
