/**
 * Anki's rule: a lapse makes a card a leech when its lapses reach the threshold, and again every half threshold
 * (rounded up) after that, so a learner who chose to suspend leeches is told again if the card keeps lapsing.
 */
export function leechThresholdMet(lapses: number, threshold: number): boolean {
  if (threshold <= 0) return false;
  const half = Math.max(1, Math.ceil(threshold / 2));
  return lapses >= threshold && (lapses - threshold) % half === 0;
}
