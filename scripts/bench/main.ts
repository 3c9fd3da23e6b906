/**
 * Runs a benchmark's (or another long script's) `main` and exits: 0 when it resolves, 1 with the error printed when
 * it throws. Exiting explicitly ends the pools and child processes a failed run may leave open.
 */
export function runMain(main: () => Promise<unknown>, label?: string): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(label ? `[${label}] ${text}` : text);
      process.exit(1);
    },
  );
}
