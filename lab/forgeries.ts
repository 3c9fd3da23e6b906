// Forged solutions: code that computes nothing but returns objects made to look like the right answer. The test API
// must refuse every one of them in every exercise (lab/forged.test.ts grades them through the CLI and the server
// sandbox). Each forgery answers each export with a value of the shape the tests expect (from the table below), so
// only the API's checks stand between it and a grade.

/** How the forged value of an export is shaped, from the arguments it was called with. */
type Rule =
  | "drop-last-axis" // a reduction over the last axis of the first tensor argument
  | "same-shape" // the shape of the first tensor argument
  | "bool-same-shape" // the same, as a bool tensor
  | "batch" // [first tensor argument's first axis]
  | "scalar" // []
  | "number" // a JavaScript number
  | "batches" // makeBatches: [{ xs, ys }] of the right sizes
  | "train-step" // a number, with the model's weights replaced by forged tensors
  | "elbo-parts" // { loss, recon, kl }: three scalars
  | "vae-train-step" // { loss, recon, kl } numbers, with both models' weights replaced by forged tensors
  | "fit"; // a history of NaNs, one per epoch, with the model's weights replaced by forged tensors

/** Every exercise's exports: a new exercise must say how its results are shaped before it can land. */
export const FORGERY_RULES: Record<string, Record<string, Rule>> = {
  "kl-divergence": { klDivergence: "drop-last-axis" },
  "js-divergence": { jsDivergence: "drop-last-axis" },
  "wasserstein-1d": { wasserstein1d: "drop-last-axis" },
  "vae-reparameterize": { reparameterize: "same-shape", klToStandardNormal: "drop-last-axis" },
  "anomaly-threshold": { reconstructionErrors: "batch", fitThreshold: "number", flagAnomalies: "bool-same-shape" },
  "wgan-critic-loss": { criticLoss: "scalar", generatorLoss: "scalar", gradientPenalty: "scalar" },
  "gan-bce-losses": { discriminatorLoss: "scalar", generatorLoss: "scalar" },
  "train-step": { trainStep: "train-step" },
  minibatches: { makeBatches: "batches" },
  "wgan-gp-step": { criticStep: "train-step" },
  "vae-elbo": { vaeLoss: "elbo-parts", vaeTrainStep: "vae-train-step", anomalyScores: "batch" },
  "fit-early-stopping": { fit: "fit" },
};

export const FORGERY_KINDS = {
  "plain-object": "a plain object with a tensor's fields and methods (shape, dtype, id 0, dataSync returning [])",
  proxy: "a Proxy around a real empty tensor that lies about its shape, size and rank",
  subclass: "a subclass of tf.Tensor whose dataSync returns nothing",
  unbranded: "a tf.Tensor built with `new tf.Tensor(…)` around another tensor's data, not by a tf op",
  relabelled: "a real empty tensor whose shape and size were redefined after it was made",
  disposed: "a real tensor of the right shape, disposed before it is returned (its disposed flag reset)",
  "non-finite": "NaN where a number is expected, and tensors of NaN",
} as const;

export type ForgeryKind = keyof typeof FORGERY_KINDS;

/** A solution that computes nothing: every export throws. What a forgery may earn, at most. */
export function computesNothing(exports: readonly string[]): string {
  return exports
    .map((name) => `export function ${name}(): never {\n  throw new Error("Not computed: the inputs must have the same size and the same number of samples.");\n}\n`)
    .join("\n");
}

export function forgedSolution(exerciseId: string, exports: readonly string[], kind: ForgeryKind): string {
  const rules = FORGERY_RULES[exerciseId];
  if (!rules) throw new Error(`lab/forgeries.ts has no forgery rules for "${exerciseId}": add how each of its exports' results are shaped.`);
  const missing = exports.filter((name) => !rules[name]);
  if (missing.length > 0) throw new Error(`lab/forgeries.ts has no forgery rule for ${exerciseId}'s ${missing.join(", ")}.`);
  return `// Forged (${kind}): ${FORGERY_KINDS[kind]}.
import * as tf from "@tensorflow/tfjs";

const KIND: string = ${JSON.stringify(kind)};
const size = (shape: number[]) => shape.reduce((product, n) => product * n, 1);
const empty = () => tf.tensor1d([]);

function fake(shape: number[], dtype = "float32"): any {
  switch (KIND) {
    case "plain-object":
      return {
        shape, dtype, size: size(shape), rank: shape.length, id: 0, dataId: {}, isDisposed: false, kept: false,
        dataSync: () => [], data: async () => [], arraySync: () => [], array: async () => [],
        throwIfDisposed() {}, dispose() {},
      };
    case "proxy":
      return new Proxy(empty(), {
        get(target, key) {
          if (key === "shape") return shape;
          if (key === "size") return size(shape);
          if (key === "rank") return shape.length;
          if (key === "dtype") return dtype;
          return Reflect.get(target, key, target);
        },
      });
    case "subclass": {
      class Forged extends (tf.Tensor as any) {
        dataSync() { return new Float32Array(0); }
        async data() { return new Float32Array(0); }
      }
      return new Forged(shape, dtype, empty().dataId, 0);
    }
    case "unbranded":
      return new (tf.Tensor as any)(shape, dtype, empty().dataId, 0);
    case "relabelled": {
      const t: any = empty();
      Object.defineProperty(t, "shape", { value: shape });
      Object.defineProperty(t, "size", { value: size(shape) });
      Object.defineProperty(t, "dtype", { value: dtype });
      return t;
    }
    case "disposed": {
      const t: any = tf.zeros(shape, dtype as any);
      t.dispose();
      t.isDisposedInternal = false;
      return t;
    }
    default:
      return tf.fill(shape, NaN);
  }
}

function firstTensor(args: any[]): any {
  return args.find((arg) => arg && typeof arg === "object" && Array.isArray(arg.shape));
}

function forge(rule: string, args: any[]): any {
  const shape: number[] = firstTensor(args)?.shape ?? [];
  switch (rule) {
    case "drop-last-axis": return fake(shape.slice(0, -1));
    case "same-shape": return fake(shape);
    case "bool-same-shape": return fake(shape, "bool");
    case "batch": return fake(shape.slice(0, 1));
    case "scalar": return fake([]);
    case "number": return KIND === "non-finite" ? Infinity : NaN;
    case "batches": {
      const [x, y, batchSize, order] = args;
      const batches = [];
      for (let start = 0; start < order.length; start += batchSize) {
        const n = Math.min(batchSize, order.length - start);
        batches.push({ xs: fake([n, ...x.shape.slice(1)]), ys: fake([n, ...y.shape.slice(1)]) });
      }
      return batches;
    }
    case "elbo-parts": return { loss: fake([]), recon: fake([]), kl: fake([]) };
    default: {
      // train-step: the model's weights now read as forged tensors; the loss is not a number anyone computed.
      const models = rule === "vae-train-step" ? args.slice(0, 2) : args.slice(0, 1);
      for (const model of models) {
        for (const weight of model.weights) {
          const weightShape = weight.shape;
          weight.read = () => fake(weightShape);
        }
      }
      if (rule === "fit") {
        const epochs = Array.from({ length: args[4]?.epochs ?? 1 }, () => NaN);
        return { loss: epochs, valLoss: [...epochs], bestEpoch: NaN };
      }
      return rule === "vae-train-step" ? { loss: NaN, recon: NaN, kl: NaN } : NaN;
    }
  }
}

${exports.map((name) => `export function ${name}(...args: any[]): any {\n  return forge(${JSON.stringify(rules[name])}, args);\n}`).join("\n\n")}
`;
}
