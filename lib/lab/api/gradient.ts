// Does a learner's loss train? A loss with the right values can still carry no gradient (computed in plain
// JavaScript from dataSync() and wrapped back with tf.scalar), a wrong one (a mask that cuts the path), or none at
// all (an op tfjs cannot differentiate, such as tf.greater on the path). This check takes the gradient through
// tfjs's own tape — the engine's gradients() as it was before learner code ran, the same machinery as tf.grads and
// tf.variableGrads — and compares it with the analytic gradient the test computed in plain JavaScript.
import { isAssertionError } from "./errors";
import type { CheckOptions, CloseOptions, Hint, Plain } from "./expect";
import type { TensorProvenance } from "./provenance";
import type { Tensor } from "./tf";

export type GradientOptions = CloseOptions & {
  /** How each of `wrt` is called in messages ("p", "the critic's kernel"); default "input 1", "input 2"… */
  names?: readonly string[];
};

export type GradientCheck = <T extends Tensor[]>(
  f: (...wrt: NoInfer<T>) => unknown,
  wrt: [...T],
  expected: readonly Plain[],
  options?: GradientOptions,
) => number[][];

type Fail = (options: CheckOptions, kind: keyof Exclude<Hint, string>, headline: string, details?: string[]) => never;

const NO_PATH =
  "Compute it with tf ops from the inputs: a value read with dataSync(), arraySync() or data() and wrapped back with tf.scalar/tf.tensor has the right numbers but no gradient, so nothing could learn from it.";
const NO_GRADIENT_FUNCTION =
  "tfjs has no gradient for one op on the path from the inputs to the result (comparisons such as tf.greater, tf.less or tf.equal have none, and tf.where passes a gradient to its condition): build the mask with an op that has one (tf.greaterEqual against a tiny threshold, cast to float32), or compute the mask outside the differentiated path.";

export function createGradientCheck(deps: {
  provenance: TensorProvenance;
  expectTensor: (value: unknown, options?: CheckOptions) => Tensor;
  expectClose: (actual: unknown, expected: Plain, options?: CloseOptions) => void;
  readValues: (value: unknown, options?: CheckOptions) => { values: number[] };
  fail: Fail;
  thrownMessage: (error: unknown) => string;
}): GradientCheck {
  const { provenance, expectTensor, expectClose, readValues, fail, thrownMessage } = deps;

  return function expectGradientClose(f, wrt, expected, options = {}) {
    if (wrt.length === 0 || wrt.length !== expected.length) {
      throw new Error("expectGradientClose needs one expected gradient (plain numbers) per tensor or variable in `wrt`.");
    }
    if (!wrt.every((x) => provenance.isGenuine(x))) {
      throw new Error("expectGradientClose differentiates with respect to tensors or variables the test made with tf.");
    }
    const label = options.label ?? "the result";
    const nameOf = (i: number) => options.names?.[i] ?? `input ${i + 1}`;

    let forwardDone = false;
    let result: { value: Tensor; grads: (Tensor | undefined)[] };
    try {
      result = provenance.gradients(() => {
        const y = expectTensor(f(...wrt), options);
        forwardDone = true;
        return y;
      }, wrt);
    } catch (error) {
      // The learner's own errors and the checks' failures are reported as they are; only the backward pass is ours.
      if (!forwardDone || isAssertionError(error)) throw error;
      const message = thrownMessage(error);
      return fail(options, "gradient", `the gradient of ${label} could not be computed: ${message}`, [
        /gradient function not found/i.test(message) ? NO_GRADIENT_FUNCTION : "Compute the result with differentiable tf ops.",
      ]);
    }

    return result.grads.map((grad, i) => {
      const name = nameOf(i);
      if (grad === undefined) fail(options, "gradient", `no gradient flows from ${name} to ${label}`, [NO_PATH]);
      const gradLabel = `the gradient of ${label} with respect to ${name}`;
      expectClose(grad, expected[i] as Plain, { ...options, label: gradLabel });
      return readValues(grad, { label: gradLabel }).values;
    });
  };
}
