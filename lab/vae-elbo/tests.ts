import { defineTests, isAssertionError, type SeededRandom, type Tensor, type Tf } from "@/lib/lab/api";
import type { LayersModel, Variable } from "@tensorflow/tfjs";
import type * as Reference from "./solution";

// The reference is computed here, by hand, in float64 JavaScript: the ELBO's terms and their gradients, and a VAE
// with a linear encoder x → [μ, log σ²] = x·We + be and a linear decoder z → logits = z·Wd + bd, one SGD or Adam step
// backpropagated through z = μ + exp(½·log σ²)·ε. Nothing of it comes from tf.

type Rows = number[][];
const sum = (values: number[]) => values.reduce((total, x) => total + x, 0);
const mean = (values: number[]) => sum(values) / values.length;
const sigmoid = (l: number) => 1 / (1 + Math.exp(-l));

/** −[x·log σ(l) + (1 − x)·log(1 − σ(l))], written so a large |l| stays exact: max(l, 0) − l·x + log(1 + e^−|l|). */
export const bceFromLogit = (x: number, l: number) => Math.max(l, 0) - l * x + Math.log1p(Math.exp(-Math.abs(l)));

/** Per sample: the BCE summed over features, the KL to N(0, I) summed over latents. */
export function termsByHand(x: Rows, logits: Rows, mu: Rows, logVar: Rows) {
  const recon = x.map((row, i) => sum(row.map((xd, d) => bceFromLogit(xd, logits[i]?.[d] ?? NaN))));
  const kl = mu.map((row, i) => -0.5 * sum(row.map((m, j) => {
    const lv = logVar[i]?.[j] ?? NaN;
    return 1 + lv - m * m - Math.exp(lv);
  })));
  return { recon, kl };
}

export function lossByHand(x: Rows, logits: Rows, mu: Rows, logVar: Rows, beta: number) {
  const { recon, kl } = termsByHand(x, logits, mu, logVar);
  return { loss: mean(recon) + beta * mean(kl), recon: mean(recon), kl: mean(kl) };
}

/** ∂loss/∂logits = (σ(l) − x)/B, ∂loss/∂μ = β·μ/B, ∂loss/∂log σ² = β·½(e^log σ² − 1)/B. */
export function lossGradientsByHand(x: Rows, logits: Rows, mu: Rows, logVar: Rows, beta: number) {
  const n = x.length;
  return {
    logits: logits.map((row, i) => row.map((l, d) => (sigmoid(l) - (x[i]?.[d] ?? NaN)) / n)),
    mu: mu.map((row) => row.map((m) => (beta * m) / n)),
    logVar: logVar.map((row) => row.map((lv) => (beta * 0.5 * (Math.exp(lv) - 1)) / n)),
  };
}

/** Row-major values of a dense layer's kernel [inputs, units] or bias [units]. */
export type Param = { name: string; shape: [number] | [number, number]; values: number[] };
/** [encoder kernel, encoder bias, decoder kernel, decoder bias]. */
export type VaeWeights = [Param, Param, Param, Param];

export function initialWeights(rng: SeededRandom, features: number, latent: number): VaeWeights {
  return [
    { name: "encoder kernel", shape: [features, 2 * latent], values: rng.normalArray(features * 2 * latent, 0, 0.5) },
    { name: "encoder bias", shape: [2 * latent], values: rng.uniformArray(2 * latent, -0.2, 0.2) },
    { name: "decoder kernel", shape: [latent, features], values: rng.normalArray(latent * features, 0, 0.8) },
    { name: "decoder bias", shape: [features], values: rng.uniformArray(features, -0.2, 0.2) },
  ];
}

export function buildModels(tf: Tf, weights: VaeWeights): { encoder: LayersModel; decoder: LayersModel } {
  const dense = (kernel: Param, bias: Param) => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: kernel.shape[1] ?? 1, inputShape: [kernel.shape[0]] }));
    model.setWeights([tf.tensor(kernel.values, kernel.shape), tf.tensor(bias.values, bias.shape)]);
    return model;
  };
  return { encoder: dense(weights[0], weights[1]), decoder: dense(weights[2], weights[3]) };
}

/** [encoder kernel, encoder bias, decoder kernel, decoder bias] variables, taken before the learner's code runs. */
export function variablesOf(encoder: LayersModel, decoder: LayersModel): Variable[] {
  return [encoder, decoder].flatMap((model) =>
    ["kernel", "bias"].map((kind) => {
      const weight = model.layers[0]!.weights.find((w) => w.originalName.endsWith(`/${kind}`));
      if (!weight) throw new Error(`no ${kind}`);
      return weight.read() as Variable;
    }),
  );
}

const at = (param: Param, row: number, column: number) => param.values[row * (param.shape[1] ?? 1) + column] ?? NaN;
const dense = (input: Rows, kernel: Param, bias: Param) =>
  input.map((row) => bias.values.map((b, u) => row.reduce((total, v, k) => total + v * at(kernel, k, u), b)));

/** The forward pass: μ, log σ², z = μ + σ·ε (ε = null decodes z = μ), logits. */
export function forwardByHand(weights: VaeWeights, x: Rows, epsilon: Rows | null) {
  const h = dense(x, weights[0], weights[1]);
  const latent = weights[2].shape[0];
  const mu = h.map((row) => row.slice(0, latent));
  const logVar = h.map((row) => row.slice(latent));
  const z = mu.map((row, i) => row.map((m, j) => m + (epsilon ? Math.exp(0.5 * (logVar[i]?.[j] ?? NaN)) * (epsilon[i]?.[j] ?? NaN) : 0)));
  return { mu, logVar, z, logits: dense(z, weights[2], weights[3]) };
}

export function stepLossByHand(weights: VaeWeights, x: Rows, epsilon: Rows, beta: number) {
  const { mu, logVar, logits } = forwardByHand(weights, x, epsilon);
  return lossByHand(x, logits, mu, logVar, beta);
}

/** ∂loss/∂w for the four weights, backpropagated through the decoder, z, and the encoder. */
export function weightGradientsByHand(weights: VaeWeights, x: Rows, epsilon: Rows, beta: number): VaeWeights {
  const { mu, logVar, z, logits } = forwardByHand(weights, x, epsilon);
  const g = lossGradientsByHand(x, logits, mu, logVar, beta);
  const [, , Wd] = weights;
  const latent = Wd.shape[0];
  const features = Wd.shape[1] ?? 1;
  const dz = g.logits.map((row) => Array.from({ length: latent }, (_, j) => sum(row.map((dl, d) => dl * at(Wd, j, d)))));
  const dh = z.map((_, i) => [
    ...Array.from({ length: latent }, (_, j) => (dz[i]?.[j] ?? NaN) + (g.mu[i]?.[j] ?? NaN)),
    ...Array.from({ length: latent }, (_, j) => {
      const sigma = Math.exp(0.5 * (logVar[i]?.[j] ?? NaN));
      return (dz[i]?.[j] ?? NaN) * 0.5 * sigma * (epsilon[i]?.[j] ?? NaN) + (g.logVar[i]?.[j] ?? NaN);
    }),
  ]);
  const outer = (input: Rows, grad: Rows, rows: number, columns: number) =>
    Array.from({ length: rows * columns }, (_, n) => sum(input.map((row, i) => (row[Math.floor(n / columns)] ?? NaN) * (grad[i]?.[n % columns] ?? NaN))));
  const columnSums = (grad: Rows, columns: number) => Array.from({ length: columns }, (_, c) => sum(grad.map((row) => row[c] ?? NaN)));
  const values = [
    outer(x, dh, features, 2 * latent),
    columnSums(dh, 2 * latent),
    outer(z, g.logits, latent, features),
    columnSums(g.logits, features),
  ];
  return weights.map((param, p) => ({ ...param, values: values[p]! })) as VaeWeights;
}

export const sgdByHand = (weights: VaeWeights, gradients: VaeWeights, lr: number) =>
  weights.map((param, p) => ({ ...param, values: param.values.map((w, i) => w - lr * (gradients[p]?.values[i] ?? NaN)) })) as VaeWeights;

/** tf.train.adam(lr)'s defaults: β1 0.9, β2 0.999, ε the backend's (1e-7 on float32 backends). */
export function adamByHand(lr: number, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7) {
  let m: number[][] | null = null;
  let v: number[][] | null = null;
  let t = 0;
  return (weights: VaeWeights, gradients: VaeWeights): VaeWeights => {
    t++;
    m = gradients.map((g, p) => g.values.map((gn, i) => beta1 * (m?.[p]?.[i] ?? 0) + (1 - beta1) * gn));
    v = gradients.map((g, p) => g.values.map((gn, i) => beta2 * (v?.[p]?.[i] ?? 0) + (1 - beta2) * gn * gn));
    return weights.map((param, p) => ({
      ...param,
      values: param.values.map((w, i) => w - (lr * ((m?.[p]?.[i] ?? NaN) / (1 - beta1 ** t))) / (Math.sqrt((v?.[p]?.[i] ?? NaN) / (1 - beta2 ** t)) + epsilon)),
    })) as VaeWeights;
  };
}

export function nested(param: Param): number[] | number[][] {
  const [rows, columns] = param.shape;
  if (columns === undefined) return param.values;
  return Array.from({ length: rows }, (_, r) => param.values.slice(r * columns, (r + 1) * columns));
}

/** The negative ELBO per sample (β = 1), decoding z = μ. */
export function scoresByHand(weights: VaeWeights, x: Rows): number[] {
  const { mu, logVar, logits } = forwardByHand(weights, x, null);
  const { recon, kl } = termsByHand(x, logits, mu, logVar);
  return recon.map((r, i) => r + (kl[i] ?? NaN));
}


export const PART_HINTS = {
  recon: "recon is the binary cross-entropy from logits, summed over the features of each sample (axis −1), then averaged over the batch; tf.losses.sigmoidCrossEntropy's default reduction averages over features too.",
  kl: "kl is −½·Σ(1 + log σ² − μ² − e^log σ²) over the latent axis, then averaged over the batch: ≥ 0, and 0 only at μ = 0, log σ² = 0.",
  loss: "loss = recon + β·kl: β weighs the KL term only.",
};

type VaeLoss = (x: Tensor, logits: Tensor, mu: Tensor, logVar: Tensor, beta: number) => unknown;

/** ∂(vaeLoss(…).loss)/∂(logits, mu, logVar) by tf.grads, or a failure that says why there is no gradient. */
export function lossGradients(tf: Tf, fail: (message: string) => never, vaeLoss: () => VaeLoss, x: Tensor, beta: number, at: [Tensor, Tensor, Tensor]): Tensor[] {
  const first = vaeLoss()(x, ...at, beta) as Record<string, unknown> | null; // the learner's own errors surface as they are
  if (!(first?.loss instanceof tf.Tensor)) fail("vaeLoss must return { loss, recon, kl }, three scalar tensors: loss is not a tensor.");
  try {
    return tf.grads((l: Tensor, m: Tensor, lv: Tensor) => {
      const parts = vaeLoss()(x, l, m, lv, beta) as Record<string, unknown> | null;
      const loss = parts?.loss;
      if (!(loss instanceof tf.Tensor)) fail("vaeLoss must return { loss, recon, kl }, three scalar tensors: loss is not a tensor.");
      return loss;
    })(at);
  } catch (error) {
    if (isAssertionError(error)) throw error;
    return fail(
      `tf.grads could not differentiate vaeLoss(…).loss with respect to logits, mu and logVar (${error instanceof Error ? error.message : String(error)}). ` +
        "Build the loss with tensor ops only: values read out with dataSync()/arraySync() and put back with tf.scalar have no gradient.",
    );
  }
}

export const STEP_HINT =
  "minimize recon + β·kl with the optimizer you were given, over the encoder's and the decoder's trainable weights; build z = μ + exp(½·log σ²)·ε from the encoder's output inside the minimized function (with the ε you are given), so the gradient reaches the encoder through z.";

export default defineTests<typeof Reference>(({ test: register, tf, solution, random, expectScalar, expectShape, expectClose, expectNumber, expectNoLeak, expectTrue, fail }) => {
  // A WebGL backend compiles a shader program the first time each op runs: these models run dozens of ops, so a
  // first run in a fresh browser takes seconds before any of the learner's work is timed. Each test gets 20 s.
  const test: typeof register = (name, fn, options = {}) => register(name, fn, { timeoutMs: 20_000, ...options });
  const rng = random(31);
  const x = [0, 1, 2].map(() => rng.uniformArray(4, 0, 1));
  const logits = [0, 1, 2].map(() => rng.normalArray(4, 0, 2));
  const mu = [0, 1, 2].map(() => rng.normalArray(2));
  const logVar = [0, 1, 2].map(() => rng.uniformArray(2, -1.5, 1));
  const inputs = () => [tf.tensor2d(x), tf.tensor2d(logits), tf.tensor2d(mu), tf.tensor2d(logVar)] as const;
  const beta = 0.5;

  const expectParts = (parts: unknown, expected: { loss: number; recon: number; kl: number }, label: string) => {
    if (typeof parts !== "object" || parts === null) fail(`${label} returned ${String(parts)}: return { loss, recon, kl }, three scalar tensors.`);
    const { loss, recon, kl } = parts as Record<string, unknown>;
    expectScalar(recon, expected.recon, { label: `${label}.recon`, hint: { values: PART_HINTS.recon, shape: "average over the batch: a scalar." } });
    expectScalar(kl, expected.kl, { label: `${label}.kl`, hint: { values: PART_HINTS.kl, shape: "average over the batch: a scalar." } });
    expectScalar(loss, expected.loss, { label: `${label}.loss`, hint: { values: PART_HINTS.loss } });
  };

  test("vaeLoss: recon summed over features, kl summed over latents, both averaged over the batch; loss = recon + β·kl", () => {
    const expected = lossByHand(x, logits, mu, logVar, beta);
    const [xT, logitsT, muT, logVarT] = inputs();
    expectParts(solution.vaeLoss(xT, logitsT, muT, logVarT, beta), expected, "vaeLoss(x [3, 4], logits, mu [3, 2], logVar, β = 0.5)");
    expectClose(xT, x, { label: "x after vaeLoss", hint: "don't write into the inputs." });
    expectClose(logitsT, logits, { label: "logits after vaeLoss", hint: "don't write into the inputs." });
  }, { points: 3 });

  test("vaeLoss's gradient: ∂loss/∂logits = (σ(l) − x)/B, ∂loss/∂μ = β·μ/B, ∂loss/∂logVar = β·½(e^logVar − 1)/B", () => {
    const expected = lossGradientsByHand(x, logits, mu, logVar, beta);
    const [xT, logitsT, muT, logVarT] = inputs();
    const gradients = lossGradients(tf, fail, () => solution.vaeLoss as never, xT, beta, [logitsT, muT, logVarT]);
    const hint = "the loss must be built from tensor ops on its inputs (no dataSync/arraySync and tf.scalar), with the terms averaged over the batch.";
    expectClose(gradients[0], expected.logits, { label: "∂loss/∂logits", hint: { values: hint } });
    expectClose(gradients[1], expected.mu, { label: "∂loss/∂μ", hint: { values: hint } });
    expectClose(gradients[2], expected.logVar, { label: "∂loss/∂logVar", hint: { values: hint } });
  }, { points: 2 });

  test("vaeLoss stays exact for confident logits (±30): the BCE from logits, not the log of a sigmoid", () => {
    const xs = [[1, 0, 1], [0, 1, 0.5]];
    const ls = [[30, -30, -30], [30, 25, -28]];
    const zeros = [[0], [0]];
    const expected = lossByHand(xs, ls, zeros, zeros, 1);
    const parts = solution.vaeLoss(tf.tensor2d(xs), tf.tensor2d(ls), tf.tensor2d(zeros), tf.tensor2d(zeros), 1) as unknown as Record<string, unknown>;
    expectScalar(parts?.recon, expected.recon, {
      label: "vaeLoss(…).recon for logits of ±30",
      hint: {
        values: "compute the BCE from the logits (tf.losses.sigmoidCrossEntropy, or max(l, 0) − l·x + log(1 + e^−|l|)): σ(30) is 1 in float32, so log(1 − σ(l)) is −∞.",
        nan: "log(σ(l)) and log(1 − σ(l)) overflow for large |l|: compute the BCE from the logits.",
      },
    });
  });

  test("vaeTrainStep returns { loss, recon, kl } before the update, as numbers; inputs untouched", async () => {
    const wrng = random(12);
    const start = initialWeights(wrng, 4, 2);
    const eps = [0, 1, 2].map(() => wrng.normalArray(2));
    const expected = stepLossByHand(start, x, eps, beta);
    const { encoder, decoder } = buildModels(tf, start);
    const [xT, epsT] = [tf.tensor2d(x), tf.tensor2d(eps)];
    const result = (await solution.vaeTrainStep(encoder, decoder, tf.train.sgd(0.1), xT, epsT, beta)) as unknown as Record<string, unknown>;
    if (typeof result !== "object" || result === null) fail("vaeTrainStep must return { loss, recon, kl }, three numbers.");
    const label = "vaeTrainStep(encoder, decoder, sgd, x [3, 4], epsilon [3, 2], β = 0.5)";
    expectClose(expectNumber(result.recon, { label: `${label}.recon` }), expected.recon, { label: `${label}.recon`, hint: { values: PART_HINTS.recon } });
    expectClose(expectNumber(result.kl, { label: `${label}.kl` }), expected.kl, { label: `${label}.kl`, hint: { values: PART_HINTS.kl } });
    expectClose(expectNumber(result.loss, { label: `${label}.loss` }), expected.loss, {
      label: `${label}.loss`,
      hint: { values: "the loss before the update (the cost minimize() returns), recon + β·kl, with z = μ + exp(½·log σ²)·ε from the ε you are given." },
    });
    expectClose(xT, x, { label: "x after vaeTrainStep", hint: "don't write into the inputs." });
    expectClose(epsT, eps, { label: "epsilon after vaeTrainStep", hint: "don't write into the inputs." });
  }, { points: 2 });

  test("one SGD step updates the decoder and, through z, the encoder: w − lr·∂loss/∂w", async () => {
    const wrng = random(12);
    const start = initialWeights(wrng, 4, 2);
    const eps = [0, 1, 2].map(() => wrng.normalArray(2));
    const expected = sgdByHand(start, weightGradientsByHand(start, x, eps, beta), 0.1);
    const { encoder, decoder } = buildModels(tf, start);
    const variables = variablesOf(encoder, decoder);
    await solution.vaeTrainStep(encoder, decoder, tf.train.sgd(0.1), tf.tensor2d(x), tf.tensor2d(eps), beta);
    variables.forEach((variable, p) => expectClose(variable, nested(expected[p]!), { label: `${expected[p]!.name} after one SGD step`, hint: { values: STEP_HINT } }));
  }, { points: 3 });

  test("anomalyScores: the negative ELBO of each sample (β = 1, z = μ), shape [batch]", () => {
    const wrng = random(12);
    const start = initialWeights(wrng, 4, 2);
    const expected = scoresByHand(start, x);
    const { encoder, decoder } = buildModels(tf, start);
    const scores = expectShape(solution.anomalyScores(encoder, decoder, tf.tensor2d(x)), [3], {
      label: "anomalyScores(encoder, decoder, x [3, 4])",
      hint: "one score per sample: sum over features and latents, not over the batch.",
    });
    expectClose(scores, expected, {
      label: "anomalyScores(encoder, decoder, x [3, 4])",
      hint: {
        values:
          "score = Σ_features BCE(x, decoder(μ)) + KL(μ, log σ²) per sample: the negative ELBO with β = 1 and z = μ (no sampling), the reconstruction error and the KL together.",
      },
    });
  }, { points: 2 });

  test("no tensor leaks: vaeLoss, anomalyScores, and a second Adam step of vaeTrainStep", async () => {
    const wrng = random(12);
    const start = initialWeights(wrng, 4, 2);
    const eps = [0, 1, 2].map(() => wrng.normalArray(2));
    const adam = adamByHand(0.01);
    const expected = stepLossByHand(adam(start, weightGradientsByHand(start, x, eps, 1)), x, eps, 1);
    const [xT, logitsT, muT, logVarT] = inputs();
    const parts = expectNoLeak(() => solution.vaeLoss(xT, logitsT, muT, logVarT, beta), { label: "vaeLoss" }) as unknown as Record<string, unknown>;
    expectScalar(parts?.loss, lossByHand(x, logits, mu, logVar, beta).loss, { label: "vaeLoss(…).loss" });
    const { encoder, decoder } = buildModels(tf, start);
    expectClose(expectNoLeak(() => solution.anomalyScores(encoder, decoder, xT), { label: "anomalyScores" }), scoresByHand(start, x), { label: "anomalyScores" });
    const optimizer = tf.train.adam(0.01);
    const epsT = tf.tensor2d(eps);
    await solution.vaeTrainStep(encoder, decoder, optimizer, xT, epsT, 1); // creates Adam's moments: state, not a leak
    const second = (await expectNoLeak(async () => solution.vaeTrainStep(encoder, decoder, optimizer, xT, epsT, 1), { label: "the second vaeTrainStep" })) as unknown as Record<string, unknown>;
    expectTrue(typeof second === "object" && second !== null, "vaeTrainStep must return { loss, recon, kl }, three numbers.");
    expectClose(expectNumber(second.loss, { label: "the second vaeTrainStep's loss" }), expected.loss, { label: "the second Adam step's loss" });
  });
});
