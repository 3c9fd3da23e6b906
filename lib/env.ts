// Reading configuration from environment variables (documented in .env.example): a value that is missing or not
// what the setting needs falls back to its default, so the app runs with none set.

/** A positive integer from the environment, or the fallback. */
export function positiveIntegerFromEnv(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}
