// A failed check. The runner reports it as status "fail"; anything else a test throws is an "error".

export class LabAssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LabAssertionError";
  }
}

/** Recognised by name too: the runner and the test file may hold different copies of this module (bundles). */
export function isAssertionError(error: unknown): error is LabAssertionError {
  return error instanceof LabAssertionError || (error instanceof Error && error.name === "LabAssertionError");
}
