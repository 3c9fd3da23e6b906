// A seeded generator for deterministic test inputs: the same seed gives the same numbers in every browser, in
// Node and in the sandbox (tf.random* depends on the backend, Math.random on nothing at all).

export type SeededRandom = {
  /** Uniform in [0, 1). */
  next(): number;
  uniform(low: number, high: number): number;
  /** Standard normal by Box–Muller, scaled. */
  normal(mean?: number, std?: number): number;
  uniformArray(length: number, low: number, high: number): number[];
  normalArray(length: number, mean?: number, std?: number): number[];
  /** A random probability vector of `length` entries, all > 0, summing to 1. */
  probabilities(length: number): number[];
};

export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  // mulberry32: tiny, fast, and good enough for test inputs.
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const uniform = (low: number, high: number) => low + (high - low) * next();
  const normal = (mean = 0, std = 1) => {
    const u = 1 - next();
    const v = next();
    return mean + std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    uniform,
    normal,
    uniformArray: (length, low, high) => Array.from({ length }, () => uniform(low, high)),
    normalArray: (length, mean = 0, std = 1) => Array.from({ length }, () => normal(mean, std)),
    probabilities: (length) => {
      const weights = Array.from({ length }, () => 0.05 + next());
      const total = weights.reduce((sum, w) => sum + w, 0);
      return weights.map((w) => w / total);
    },
  };
}
