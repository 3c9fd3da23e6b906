import { defineTests } from "@/lib/lab/api";
import type * as Reference from "./solution";

export const zByHand = (mu: number[], logVar: number[], eps: number[]) =>
  mu.map((m, i) => m + Math.exp(0.5 * (logVar[i] ?? NaN)) * (eps[i] ?? NaN));

export const klByHand = (mu: number[][], logVar: number[][]) =>
  mu.map((row, r) => -0.5 * row.reduce((sum, m, j) => {
    const lv = logVar[r]?.[j] ?? NaN;
    return sum + (1 + lv - m * m - Math.exp(lv));
  }, 0));

/** ∂KL/∂μ = μ and ∂KL/∂logVar = ½·(exp(logVar) − 1), elementwise, in float64. */
export const klGradientsByHand = (mu: number[][], logVar: number[][]) => ({
  dMu: mu.map((row) => row.map((m) => m)),
  dLogVar: logVar.map((row) => row.map((lv) => 0.5 * (Math.exp(lv) - 1))),
});

export default defineTests<typeof Reference>(({ test, tf, solution, random, expectShape, expectClose, expectNoLeak, expectGradientClose, snapshotInputs }) => {
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
    expectGradientClose((m, lv) => solution.reparameterize(m, lv, epsT()), [muT(), logVarT()], [
      mu.map((row) => row.map(() => 1)),
      logVar.map((row, r) => row.map((lv, j) => 0.5 * Math.exp(0.5 * lv) * (eps[r]?.[j] ?? NaN))),
    ], {
      label: "Σ reparameterize(mu, logVar, epsilon)",
      names: ["mu", "logVar"],
      hint: "build z from mu and logVar with tensor ops (no dataSync, no new tf.tensor), using exp(½·logVar).",
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

  test("the KL term trains the encoder: ∂KL/∂μ = μ, ∂KL/∂logVar = ½·(exp(logVar) − 1)", () => {
    const { dMu, dLogVar } = klGradientsByHand(mu, logVar);
    expectGradientClose((m, lv) => solution.klToStandardNormal(m, lv), [muT(), logVarT()], [dMu, dLogVar], {
      label: "Σ klToStandardNormal(mu, logVar)",
      names: ["mu", "logVar"],
      hint: "compute the KL with tf ops from mu and logVar: a value read with dataSync() and wrapped in a tensor has no gradient.",
    });
  }, { points: 2 });

  test("mu, logVar and epsilon are left as they were", () => {
    const [m, lv, e] = [muT(), logVarT(), epsT()];
    const inputs = snapshotInputs({ mu: m, logVar: lv, epsilon: e }, { label: "reparameterize and klToStandardNormal" });
    const z = solution.reparameterize(m, lv, e);
    const kl = solution.klToStandardNormal(m, lv);
    inputs.expectUnchanged();
    expectClose(z, mu.map((row, r) => zByHand(row, logVar[r] ?? [], eps[r] ?? [])), { label: "reparameterize(mu, logVar, epsilon)" });
    expectClose(kl, klByHand(mu, logVar), { label: "klToStandardNormal(mu, logVar)" });
  });

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
