import { defineTests } from "@/lib/lab/api";
import type * as Reference from "./solution";
import { adamByHand, buildModels, initialWeights, lossByHand, lossGradients, lossGradientsByHand, nested, PART_HINTS, scoresByHand, STEP_HINT, stepLossByHand, variablesOf, weightGradientsByHand } from "./tests";

export default defineTests<typeof Reference>(({ test: register, tf, solution, random, expectScalar, expectClose, expectNumber, expectShape, fail }) => {
  // A WebGL backend compiles a shader program the first time each op runs: these models run dozens of ops, so a
  // first run in a fresh browser takes seconds before any of the learner's work is timed. Each test gets 20 s.
  const test: typeof register = (name, fn, options = {}) => register(name, fn, { timeoutMs: 20_000, ...options });
  test("vaeLoss and its gradient on other sizes and β — BCE from logits summed over features, β on the KL only, means over the batch", () => {
    const rng = random(57);
    const x = [0, 1, 2, 3, 4].map(() => rng.uniformArray(6, 0, 1).map((v) => (v > 0.5 ? 1 : 0)));
    const logits = [0, 1, 2, 3, 4].map(() => rng.normalArray(6, 0, 3));
    const mu = [0, 1, 2, 3, 4].map(() => rng.normalArray(3, 0, 1.5));
    const logVar = [0, 1, 2, 3, 4].map(() => rng.uniformArray(3, -2, 2));
    const expected = lossByHand(x, logits, mu, logVar, 4);
    const gradients = lossGradientsByHand(x, logits, mu, logVar, 4);
    const xT = tf.tensor2d(x);
    const parts = solution.vaeLoss(xT, tf.tensor2d(logits), tf.tensor2d(mu), tf.tensor2d(logVar), 4) as unknown as Record<string, unknown>;
    expectScalar(parts?.recon, expected.recon, { label: "vaeLoss(…).recon", hint: { values: PART_HINTS.recon } });
    expectScalar(parts?.kl, expected.kl, { label: "vaeLoss(…).kl", hint: { values: PART_HINTS.kl } });
    expectScalar(parts?.loss, expected.loss, { label: "vaeLoss(…).loss", hint: { values: PART_HINTS.loss } });
    const [dLogits, dMu, dLogVar] = lossGradients(tf, fail, () => solution.vaeLoss as never, xT, 4, [tf.tensor2d(logits), tf.tensor2d(mu), tf.tensor2d(logVar)]);
    const hint = { values: "the gradient of recon + β·kl, both batch means, built from tensor ops on the inputs." };
    expectClose(dLogits, gradients.logits, { label: "∂loss/∂logits", hint });
    expectClose(dMu, gradients.mu, { label: "∂loss/∂μ", hint });
    expectClose(dLogVar, gradients.logVar, { label: "∂loss/∂logVar", hint });
  }, { hidden: true, points: 2 });

  test("two Adam steps of vaeTrainStep on other sizes match a twin run computed by hand — encoder, sampling and decoder inside the step, the loss before the update", async () => {
    const rng = random(71);
    const start = initialWeights(rng, 5, 3);
    const x = [0, 1, 2, 3].map(() => rng.uniformArray(5, 0, 1));
    const eps = [0, 1, 2, 3].map(() => rng.normalArray(3));
    const adam = adamByHand(0.02);
    const afterOne = adam(start, weightGradientsByHand(start, x, eps, 2));
    const second = stepLossByHand(afterOne, x, eps, 2);
    const afterTwo = adam(afterOne, weightGradientsByHand(afterOne, x, eps, 2));
    const { encoder, decoder } = buildModels(tf, start);
    const variables = variablesOf(encoder, decoder);
    const optimizer = tf.train.adam(0.02);
    const [xT, epsT] = [tf.tensor2d(x), tf.tensor2d(eps)];
    await solution.vaeTrainStep(encoder, decoder, optimizer, xT, epsT, 2);
    const result = (await solution.vaeTrainStep(encoder, decoder, optimizer, xT, epsT, 2)) as unknown as Record<string, unknown>;
    for (const part of ["loss", "recon", "kl"] as const) {
      expectClose(expectNumber(result?.[part], { label: `the second vaeTrainStep's ${part}` }), second[part], {
        label: `the second vaeTrainStep's ${part}`,
        hint: { values: part === "loss" ? "the loss before each update: recon + β·kl." : PART_HINTS[part] },
      });
    }
    variables.forEach((variable, p) => expectClose(variable, nested(afterTwo[p]!), { label: `${afterTwo[p]!.name} after two Adam steps`, hint: { values: STEP_HINT } }));
  }, { hidden: true, points: 2 });

  test("anomalyScores on other sizes — one negative ELBO per sample (reconstruction summed over features + KL, β = 1), not a batch mean", () => {
    const rng = random(90);
    const start = initialWeights(rng, 6, 2);
    const x = [0, 1, 2, 3, 4].map(() => rng.uniformArray(6, 0, 1));
    const { encoder, decoder } = buildModels(tf, start);
    const scores = expectShape(solution.anomalyScores(encoder, decoder, tf.tensor2d(x)), [5], { label: "anomalyScores(…) on a batch of 5", hint: "one score per sample." });
    expectClose(scores, scoresByHand(start, x), {
      label: "anomalyScores(…) on a batch of 5",
      hint: { values: "per sample: Σ_features BCE(x, decoder(μ)) + KL(μ, log σ²), β = 1, z = μ." },
    });
  }, { hidden: true });
});
