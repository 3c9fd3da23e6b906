const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const YEAR_MS = 365.25 * DAY_MS;
const MONTH_MS = YEAR_MS / 12;

/** One decimal, without a trailing ".0". */
function oneDecimal(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/**
 * A short, Anki-like label for the time until a card comes back: `10m`, `1.5h`, `3h`, `4d`, `2.3mo`, `1.2y`.
 * Each unit is used only while the rounded value stays below the next unit, so 59.7 minutes reads `1h`, not `60m`.
 */
export function formatInterval(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / MINUTE_MS));
  if (minutes < 60) return `${minutes}m`;

  const hours = ms / HOUR_MS;
  const shownHours = hours < 10 ? Math.round(hours * 10) / 10 : Math.round(hours);
  if (shownHours < 24) return `${shownHours}h`;

  const days = Math.round(ms / DAY_MS);
  if (days < 30) return `${days}d`;
  if (days < 365) return `${oneDecimal(ms / MONTH_MS)}mo`;
  return `${oneDecimal(ms / YEAR_MS)}y`;
}
