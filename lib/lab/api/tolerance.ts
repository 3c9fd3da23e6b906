// The default tolerance of a closeness check follows the backend's float precision: float32 backends (cpu, wasm,
// webgpu, most webgl) agree with a float64 reference to about 1e-4; float16 webgl (many phones) only to about 1e-2.

export type Tolerance = { rtol: number; atol: number; precision: number };

export function toleranceFor(precision: number): Tolerance {
  return precision >= 32 ? { rtol: 1e-4, atol: 1e-4, precision } : { rtol: 1e-2, atol: 1e-2, precision };
}

export function resolveTolerance(
  precision: number,
  options: { tol?: number; rtol?: number; atol?: number } = {},
): Tolerance {
  const base = toleranceFor(precision);
  return {
    precision,
    rtol: options.rtol ?? options.tol ?? base.rtol,
    atol: options.atol ?? options.tol ?? base.atol,
  };
}

/** numpy.isclose's rule; NaN matches NaN and infinities match themselves, so a test can expect them. */
export function isClose(actual: number, expected: number, tolerance: Tolerance): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  if (!Number.isFinite(actual)) return false;
  return Math.abs(actual - expected) <= tolerance.atol + tolerance.rtol * Math.abs(expected);
}

export function describeTolerance(tolerance: Tolerance): string {
  return `|actual − expected| ≤ ${tolerance.atol} + ${tolerance.rtol}·|expected|, float${tolerance.precision} backend`;
}
