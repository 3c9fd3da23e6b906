// How the progress page writes its figures.
const integer = new Intl.NumberFormat("en-US");
const oneDecimal = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatCount(n: number): string {
  return integer.format(n);
}

/** "91.3 %", or "—" when there is nothing to divide. */
export function formatShare(part: number, whole: number): string {
  return whole > 0 ? `${oneDecimal.format((100 * part) / whole)} %` : "—";
}

/** "45 s", "12 min", "1 h 05 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/** Stability in days: "12 h", "3.5 days", "4 months", "2.1 years". */
export function formatDays(days: number): string {
  if (days < 1) return `${Math.round(days * 24)} h`;
  if (days < 30) return `${oneDecimal.format(days).replace(/\.0$/, "")} ${days < 1.05 ? "day" : "days"}`;
  if (days < 365) return `${oneDecimal.format(days / 30.4).replace(/\.0$/, "")} months`;
  return `${oneDecimal.format(days / 365).replace(/\.0$/, "")} years`;
}
