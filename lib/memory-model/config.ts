// How many reviews a learner needs before the optimizer runs: LATENT_OPTIMIZE_MIN_REVIEWS (default 400, as Anki).
// Counted as the reviews FSRS can learn from (a rating on a later study day than the card's previous one).
export const DEFAULT_MINIMUM_REVIEWS = 400;

export function minimumReviews(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.LATENT_OPTIMIZE_MIN_REVIEWS?.trim();
  if (!raw) return DEFAULT_MINIMUM_REVIEWS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 50 || value > 1_000_000) {
    throw new Error(`LATENT_OPTIMIZE_MIN_REVIEWS must be a whole number from 50 to 1000000, not "${raw}"`);
  }
  return value;
}
