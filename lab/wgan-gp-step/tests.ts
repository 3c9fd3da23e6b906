import { defineTests, type SeededRandom, type Tf } from "@/lib/lab/api";
import type { LayersModel, Tensor, Variable } from "@tensorflow/tfjs";
import type * as Reference from "./solution";

// The reference step is computed here, by hand, in float64 JavaScript: a linear generator G(z) = z·Gk + Gb, a critic
// D(x) = softplus(x·W + b)·v + c, the WGAN-GP loss, its gradient with respect to the critic's weights (the penalty's
// included: it is a gradient of a gradient), and one SGD or Adam step. Nothing of it comes from tf.
// Softplus, not tanh: tfjs 4.22 differentiates tanh's and sigmoid's gradients wrongly (their backward pass reads a
// saved copy of the output that the tape does not connect to the input) and relu's to NaN; softplus's is exact.

/** Row-major values of a weight: a kernel [inputs, units] or a bias [units]. */
export type Param = { name: string; shape: [number] | [number, number]; values: number[] };
/** [kernel, bias] of the generator's dense layer. */
export type GeneratorWeights = [Param, Param];
/** [W, b, v, c]: the critic's hidden softplus layer and its linear score. */
export type CriticWeights = [Param, Param, Param, Param];

/** Starting weights from a seed, for noise of `noiseDim`, samples of `dim`, `hidden` softplus units. */
export function initialWeights(rng: SeededRandom, noiseDim: number, dim: number, hidden: number) {
  const generator: GeneratorWeights = [
    { name: "generator kernel", shape: [noiseDim, dim], values: rng.normalArray(noiseDim * dim, 0, 0.8) },
    { name: "generator bias", shape: [dim], values: rng.uniformArray(dim, -0.3, 0.3) },
  ];
  const critic: CriticWeights = [
    { name: "critic layer 1 kernel", shape: [dim, hidden], values: rng.normalArray(dim * hidden, 0, 0.7) },
    { name: "critic layer 1 bias", shape: [hidden], values: rng.uniformArray(hidden, -0.2, 0.2) },
    { name: "critic layer 2 kernel", shape: [hidden, 1], values: rng.normalArray(hidden, 0, 0.9) },
    { name: "critic layer 2 bias", shape: [1], values: rng.uniformArray(1, -0.2, 0.2) },
  ];
  return { generator, critic };
}

const tensorOf = (tf: Tf, param: Param) => tf.tensor(param.values, param.shape);

export function buildGenerator(tf: Tf, weights: GeneratorWeights): LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: weights[0].shape[1] ?? 1, inputShape: [weights[0].shape[0]] }));
  model.setWeights(weights.map((param) => tensorOf(tf, param)));
  return model;
}

export function buildCritic(tf: Tf, weights: CriticWeights): LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: weights[0].shape[1] ?? 1, inputShape: [weights[0].shape[0]], activation: "softplus" }));
  model.add(tf.layers.dense({ units: 1 }));
  model.setWeights(weights.map((param) => tensorOf(tf, param)));
  return model;
}

/** A model's variables (kernel then bias, layer by layer), taken before the learner's code sees the model. */
export function variablesOf(model: LayersModel): Variable[] {
  return model.layers.flatMap((layer, i) =>
    ["kernel", "bias"].map((kind) => {
      const weight = layer.weights.find((w) => w.originalName.endsWith(`/${kind}`));
      if (!weight) throw new Error(`layer ${i + 1} has no ${kind}`);
      return weight.read() as Variable;
    }),
  );
}

const at = (param: Param, row: number, column: number) => param.values[row * (param.shape[1] ?? 1) + column] ?? NaN;
const sum = (values: number[]) => values.reduce((total, x) => total + x, 0);

export function generateByHand([kernel, bias]: GeneratorWeights, noise: number[][]): number[][] {
  return noise.map((z) => bias.values.map((b, d) => z.reduce((total, zk, k) => total + zk * at(kernel, k, d), b)));
}

/** The pieces of D at one sample: a = x·W + b, t = softplus(a), s = t' = σ(a), s' = σ(a)(1 − σ(a)), the score and ∇ₓD. */
function criticAt([W, b, v, c]: CriticWeights, x: number[]) {
  const a = b.values.map((bh, h) => x.reduce((total, xd, d) => total + xd * at(W, d, h), bh));
  const t = a.map((ah) => Math.max(ah, 0) + Math.log1p(Math.exp(-Math.abs(ah))));
  const s = a.map((ah) => 1 / (1 + Math.exp(-ah)));
  const sPrime = s.map((sh) => sh * (1 - sh));
  const score = sum(t.map((th, h) => th * (v.values[h] ?? NaN))) + (c.values[0] ?? NaN);
  const inputGradient = x.map((_, d) => sum(t.map((_, h) => at(W, d, h) * (v.values[h] ?? NaN) * (s[h] ?? NaN))));
  return { t, s, sPrime, score, inputGradient };
}

export type Batch = { real: number[][]; noise: number[][]; alpha: number[] };

const interpolate = (batch: Batch, fake: number[][]) =>
  batch.real.map((row, i) => row.map((r, d) => (batch.alpha[i] ?? NaN) * r + (1 - (batch.alpha[i] ?? NaN)) * (fake[i]?.[d] ?? NaN)));

/** The parts of the loss: mean D(fake) − mean D(real), and GP = mean (‖∇ₓD(x̂)‖ − 1)². */
export function lossPartsByHand(critic: CriticWeights, generator: GeneratorWeights, batch: Batch) {
  const fake = generateByHand(generator, batch.noise);
  const n = batch.real.length;
  const wasserstein = sum(fake.map((x) => criticAt(critic, x).score)) / n - sum(batch.real.map((x) => criticAt(critic, x).score)) / n;
  const penalty = sum(interpolate(batch, fake).map((x) => (Math.hypot(...criticAt(critic, x).inputGradient) - 1) ** 2)) / n;
  return { wasserstein, penalty };
}

export function lossByHand(critic: CriticWeights, generator: GeneratorWeights, batch: Batch, lambda: number): number {
  const { wasserstein, penalty } = lossPartsByHand(critic, generator, batch);
  return wasserstein + lambda * penalty;
}

/** ∂L/∂(W, b, v, c), the penalty's second-order terms included. */
export function gradientsByHand(critic: CriticWeights, generator: GeneratorWeights, batch: Batch, lambda: number): CriticWeights {
  const [W, b, v] = critic;
  const [dW, db, dv, dc] = critic.map((param) => param.values.map(() => 0)) as [number[], number[], number[], number[]];
  const hidden = b.values.length;
  const fake = generateByHand(generator, batch.noise);
  const n = batch.real.length;
  // The scores: ∂D/∂W[e][h] = x_e·v_h·s_h, ∂D/∂b_h = v_h·s_h, ∂D/∂v_h = t_h, ∂D/∂c = 1.
  const addScore = (x: number[], weight: number) => {
    const { t, s } = criticAt(critic, x);
    for (let h = 0; h < hidden; h++) {
      const vs = (v.values[h] ?? NaN) * (s[h] ?? NaN);
      x.forEach((xe, e) => (dW[e * hidden + h]! += weight * xe * vs));
      db[h]! += weight * vs;
      dv[h]! += weight * (t[h] ?? NaN);
    }
    dc[0]! += weight;
  };
  fake.forEach((x) => addScore(x, 1 / n));
  batch.real.forEach((x) => addScore(x, -1 / n));
  // The penalty P = (‖g‖ − 1)², g_d = Σ_h W[d][h]·v_h·s_h: with r = ∂P/∂g = 2(‖g‖ − 1)·g/‖g‖ and u_h = Σ_d r_d·W[d][h],
  // ∂P/∂v_h = u_h·s_h, ∂P/∂a_h = u_h·v_h·s'_h (a = x·W + b), ∂P/∂W[e][h] = r_e·v_h·s_h + x_e·∂P/∂a_h.
  interpolate(batch, fake).forEach((x) => {
    const { s, sPrime, inputGradient: g } = criticAt(critic, x);
    const norm = Math.hypot(...g);
    const r = g.map((gd) => (2 * (norm - 1) * gd) / norm);
    const weight = lambda / n;
    for (let h = 0; h < hidden; h++) {
      const [vh, sh] = [v.values[h] ?? NaN, s[h] ?? NaN];
      const u = sum(r.map((rd, d) => rd * at(W, d, h)));
      const da = u * vh * (sPrime[h] ?? NaN);
      x.forEach((xe, e) => (dW[e * hidden + h]! += weight * ((r[e] ?? NaN) * vh * sh + xe * da)));
      db[h]! += weight * da;
      dv[h]! += weight * u * sh;
    }
  });
  return critic.map((param, p) => ({ ...param, values: [dW, db, dv, dc][p]! })) as CriticWeights;
}

export function sgdByHand(weights: CriticWeights, gradients: CriticWeights, lr: number): CriticWeights {
  return weights.map((param, p) => ({ ...param, values: param.values.map((w, i) => w - lr * (gradients[p]?.values[i] ?? NaN)) })) as CriticWeights;
}

/** tf.train.adam(lr, β1, β2)'s update, ε the backend's (1e-7 on float32 backends). */
export function adamByHand(lr: number, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7) {
  let m: number[][] | null = null;
  let v: number[][] | null = null;
  let t = 0;
  return (weights: CriticWeights, gradients: CriticWeights): CriticWeights => {
    t++;
    m = gradients.map((g, p) => g.values.map((gn, i) => beta1 * (m?.[p]?.[i] ?? 0) + (1 - beta1) * gn));
    v = gradients.map((g, p) => g.values.map((gn, i) => beta2 * (v?.[p]?.[i] ?? 0) + (1 - beta2) * gn * gn));
    return weights.map((param, p) => ({
      ...param,
      values: param.values.map((w, i) => {
        const mHat = (m?.[p]?.[i] ?? NaN) / (1 - beta1 ** t);
        const vHat = (v?.[p]?.[i] ?? NaN) / (1 - beta2 ** t);
        return w - (lr * mHat) / (Math.sqrt(vHat) + epsilon);
      }),
    })) as CriticWeights;
  };
}

/** The weight as the float32 variable holds it, for an exact comparison. */
export const float32 = (param: Param): Param => ({ ...param, values: param.values.map(Math.fround) });

/** A weight as the nested arrays expectClose compares with. */
export function nested(param: Param): number[] | number[][] {
  const [rows, columns] = param.shape;
  if (columns === undefined) return param.values;
  return Array.from({ length: rows }, (_, r) => param.values.slice(r * columns, (r + 1) * columns));
}

export function makeBatch(rng: SeededRandom, size: number, noiseDim: number, dim: number): Batch {
  return {
    real: Array.from({ length: size }, () => rng.normalArray(dim, 1, 0.7)),
    noise: Array.from({ length: size }, () => rng.normalArray(noiseDim)),
    alpha: rng.uniformArray(size, 0.05, 0.95),
  };
}

export const batchTensors = (tf: Tf, batch: Batch) => ({
  real: tf.tensor2d(batch.real),
  noise: tf.tensor2d(batch.noise),
  alpha: tf.tensor2d(batch.alpha, [batch.alpha.length, 1]),
});

export const UPDATE_HINT =
  "minimize mean D(fake) − mean D(real) + λ·GP with the optimizer you were given, over critic.trainableWeights only (each w.read()); " +
  "the penalty must stay a tensor inside the minimized function (built from tf.grad of the critic at x̂ = α·real + (1 − α)·fake), so its gradient reaches the critic's weights.";

export default defineTests<typeof Reference>(({ test: register, tf, solution, random, expectNumber, expectClose, expectNoLeak, expectEqual }) => {
  // A WebGL backend compiles a shader program the first time each op runs: these models run dozens of ops, so a
  // first run in a fresh browser takes seconds before any of the learner's work is timed. Each test gets 20 s.
  const test: typeof register = (name, fn, options = {}) => register(name, fn, { timeoutMs: 20_000, ...options });
  const rng = random(18);
  const start = initialWeights(rng, 2, 2, 3);
  const batch = makeBatch(rng, 3, 2, 2);
  const lr = 0.05;

  const models = () => {
    const critic = buildCritic(tf, start.critic);
    const generator = buildGenerator(tf, start.generator);
    return { critic, generator, criticVariables: variablesOf(critic), generatorVariables: variablesOf(generator) };
  };

  const expectCritic = (variables: Tensor[], expected: CriticWeights, label: string, hint: string) =>
    variables.forEach((variable, p) => expectClose(variable, nested(expected[p]!), { label: `${expected[p]!.name} ${label}`, hint: { values: hint } }));

  test("returns the loss before the update, mean D(fake) − mean D(real) + λ·GP, as a number; inputs untouched", async () => {
    const expected = lossByHand(start.critic, start.generator, batch, 10);
    const { critic, generator } = models();
    const { real, noise, alpha } = batchTensors(tf, batch);
    const loss = expectNumber(await solution.criticStep(critic, generator, tf.train.sgd(lr), real, noise, alpha, 10), {
      label: "criticStep(critic, generator, sgd, real, noise, alpha, 10)",
    });
    expectClose(loss, expected, {
      label: "the loss criticStep returned",
      hint: {
        values:
          "return the loss before the update: mean D(G(noise)) − mean D(real) + λ·mean((‖∇D(x̂)‖ − 1)²), with x̂ = α·real + (1 − α)·fake (α weights real).",
      },
    });
    expectClose(real, batch.real, { label: "real after criticStep", hint: "don't write into the inputs." });
    expectClose(noise, batch.noise, { label: "noise after criticStep", hint: "don't write into the inputs." });
    expectClose(alpha, batch.alpha.map((a) => [a]), { label: "alpha after criticStep", hint: "don't write into the inputs." });
  }, { points: 2 });

  test("one SGD step moves every critic weight by −lr·∂L/∂w, the penalty's gradient included", async () => {
    const expected = sgdByHand(start.critic, gradientsByHand(start.critic, start.generator, batch, 10), lr);
    const { critic, generator, criticVariables } = models();
    const { real, noise, alpha } = batchTensors(tf, batch);
    await solution.criticStep(critic, generator, tf.train.sgd(lr), real, noise, alpha, 10);
    expectCritic(criticVariables, expected, "after one SGD step", UPDATE_HINT);
  }, { points: 3 });

  test("the generator's weights do not change during the critic's step; the critic's do", async () => {
    const expected = sgdByHand(start.critic, gradientsByHand(start.critic, start.generator, batch, 10), lr);
    const { critic, generator, criticVariables, generatorVariables } = models();
    const { real, noise, alpha } = batchTensors(tf, batch);
    await solution.criticStep(critic, generator, tf.train.sgd(lr), real, noise, alpha, 10);
    expectCritic(criticVariables, expected, "after one SGD step", UPDATE_HINT);
    generatorVariables.forEach((variable, p) =>
      expectEqual(variable, nested(float32(start.generator[p]!)), {
        label: `${start.generator[p]!.name} after the critic's step`,
        hint: {
          values:
            "pass the critic's weights as minimize()'s var list (critic.trainableWeights, each w.read()): without it, every trainable variable the loss touched is updated, the generator's too (Q18's trainable = False).",
        },
      }),
    );
  }, { points: 2 });

  test("λ scales the penalty: λ = 0 leaves the plain critic loss, λ = 2.5 a quarter of the usual penalty", async () => {
    for (const lambda of [0, 2.5]) {
      const expectedLoss = lossByHand(start.critic, start.generator, batch, lambda);
      const expected = sgdByHand(start.critic, gradientsByHand(start.critic, start.generator, batch, lambda), lr);
      const { critic, generator, criticVariables } = models();
      const { real, noise, alpha } = batchTensors(tf, batch);
      const loss = expectNumber(await solution.criticStep(critic, generator, tf.train.sgd(lr), real, noise, alpha, lambda), {
        label: `criticStep(…, λ = ${lambda})`,
      });
      expectClose(loss, expectedLoss, {
        label: `the loss with λ = ${lambda}`,
        hint: { values: "the penalty is multiplied by the λ you are given (not a fixed 10, not 1), and added to the critic loss." },
      });
      expectCritic(criticVariables, expected, `after one SGD step with λ = ${lambda}`, "the gradient is that of the whole loss, mean D(fake) − mean D(real) + λ·GP, with the λ you are given.");
    }
  }, { points: 2 });

  test("no tensor leaks: a second Adam step leaves tf.memory().numTensors unchanged and returns the right loss", async () => {
    // A learning rate whose step moves the loss well past any backend's tolerance (WebGL's is wider than the CPU's):
    // a loss read after the update, or a first step without the penalty's gradient, must show.
    const adam = adamByHand(0.05, 0.5, 0.9);
    const afterOne = adam(start.critic, gradientsByHand(start.critic, start.generator, batch, 10));
    const expected = lossByHand(afterOne, start.generator, batch, 10);
    const { critic, generator } = models();
    const optimizer = tf.train.adam(0.05, 0.5, 0.9);
    const { real, noise, alpha } = batchTensors(tf, batch);
    await solution.criticStep(critic, generator, optimizer, real, noise, alpha, 10); // creates Adam's moments: state, not a leak
    const loss = await expectNoLeak(async () => solution.criticStep(critic, generator, optimizer, real, noise, alpha, 10), {
      label: "the second criticStep",
    });
    expectClose(expectNumber(loss, { label: "the second criticStep" }), expected, { label: "the loss of the second Adam step" });
  });
});
