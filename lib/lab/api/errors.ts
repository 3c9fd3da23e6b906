// A failed check. The runner reports it as status "fail"; anything else a test throws is an "error".

// The checks' own errors, recorded as they are made: an object thrown by learner code cannot pass for one by its name.
const checkFailures = new WeakSet<object>();
const weakSetHas = WeakSet.prototype.has;

export class LabAssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LabAssertionError";
    checkFailures.add(this);
  }
}

export function isAssertionError(error: unknown): error is LabAssertionError {
  return typeof error === "object" && error !== null && Reflect.apply(weakSetHas, checkFailures, [error]) === true;
}
