// Shared by the lab's own unit tests: tfjs on the CPU backend, quiet, loaded once per test file.
import { expect } from "vitest";
import { isAssertionError } from "./api/errors";
import { loadNodeTf } from "./runner/node-tf";

export const tf = await loadNodeTf();

/** The message of the LabAssertionError `fn` throws (and that it is one). */
export function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(isAssertionError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("expected the check to fail");
}
