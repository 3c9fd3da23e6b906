// A learner's FSRS parameters: the 21 weights of FSRS-6, fitted to their own reviews by the optimizer, or none (an
// empty list) for FSRS's defaults. Nothing reaches the scheduler without passing `parseParameters`.
import { CLAMP_PARAMETERS, clipParameters, default_w, W17_W18_Ceiling } from "ts-fsrs";

/** FSRS-6's parameter count: what the optimizer produces and the scheduler takes. */
export const PARAMETER_COUNT = 21;

/** FSRS's default parameters (ts-fsrs 5's, the same as fsrs-rs's). */
export const DEFAULT_PARAMETERS: readonly number[] = Object.freeze([...default_w]);

// ts-fsrs's bounds for each weight, at their widest (the ceiling of w17 and w18 narrows with several relearning
// steps; the scheduler clips to that itself).
const BOUNDS = CLAMP_PARAMETERS(W17_W18_Ceiling, true);

export type ParseParametersResult = { ok: true; value: number[] } | { ok: false; error: string };

/**
 * Accepts an empty list (FSRS's defaults) or exactly 21 finite numbers, each within ts-fsrs's bounds for its weight;
 * anything else is refused with the reason, never clipped into shape silently.
 */
export function parseParameters(input: unknown): ParseParametersResult {
  if (!Array.isArray(input)) return { ok: false, error: "FSRS parameters must be a list of numbers" };
  if (input.length === 0) return { ok: true, value: [] };
  if (input.length !== PARAMETER_COUNT) {
    return { ok: false, error: `FSRS parameters must be ${PARAMETER_COUNT} numbers (FSRS-6), not ${input.length}` };
  }
  for (let i = 0; i < input.length; i++) {
    const value: unknown = input[i];
    if (typeof value !== "number" || !Number.isFinite(value)) return { ok: false, error: `FSRS parameter w${i} is not a finite number` };
    const [min, max] = BOUNDS[i] as [number, number];
    if (value < min || value > max) return { ok: false, error: `FSRS parameter w${i} = ${value} is outside ${min}–${max}` };
  }
  return { ok: true, value: [...(input as number[])] };
}

/** The weights the model runs with: the learner's, or FSRS's defaults for an empty list. */
export function effectiveParameters(parameters: readonly number[]): readonly number[] {
  return parameters.length === 0 ? DEFAULT_PARAMETERS : parameters;
}

/**
 * The optimizer's output (single-precision floats) as Latent stores it: rounded to 6 decimals and clipped into
 * ts-fsrs's bounds for the learner's number of same-day relearning steps (what fsrs-rs itself clips to), so that
 * `0.8000000119` does not fail a bound of 0.8.
 */
export function normalizeFittedParameters(values: readonly number[], sameDayRelearningSteps: number): number[] {
  if (values.length !== PARAMETER_COUNT || values.some((value) => !Number.isFinite(value))) {
    throw new Error(`The optimizer returned ${values.length} parameters, some not finite: ${values.join(", ")}`);
  }
  const rounded = values.map((value) => Math.round(value * 1e6) / 1e6);
  return clipParameters(rounded, sameDayRelearningSteps, true);
}

/** Two parameter lists mean the same model (an empty list is the defaults). */
export function sameParameters(a: readonly number[], b: readonly number[]): boolean {
  const x = effectiveParameters(a);
  const y = effectiveParameters(b);
  return x.length === y.length && x.every((value, i) => value === y[i]);
}
