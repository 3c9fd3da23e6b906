// How a test file declares its tests. A file default-exports `defineTests(({ test, tf, solution, ...checks }) => …)`;
// the runner calls the callback with tf and the learner's module injected, and `test(...)` only registers: nothing
// runs (and nothing may touch `solution`) until the runner runs the tests one by one.
import { createExpectations, type Expectations } from "./expect";
import { seededRandom, type SeededRandom } from "./random";
import type { Tf } from "./tf";

export type TestFn = () => void | Promise<void>;

export type TestOptions = {
  /** What the test is worth. Default 1. */
  points?: number;
  /** Hidden tests live in hidden.ts and run only on the server. Default false. */
  hidden?: boolean;
  /** Limit for the test's own time (awaited for async tests, measured for sync ones). Default 5000. */
  timeoutMs?: number;
};

export type TestCase = { name: string; fn: TestFn; points: number; hidden: boolean; timeoutMs: number };

export type LabTestContext<S> = Expectations & {
  tf: Tf;
  /** The learner's module; typed in a test file by the reference: `defineTests<typeof Reference>(…)`. */
  solution: S;
  test(name: string, fn: TestFn, options?: TestOptions): void;
  /** A seeded generator for deterministic inputs. */
  random(seed: number): SeededRandom;
};

export type LabTests<S> = {
  readonly kind: "latent-lab-tests";
  // Method syntax on purpose: a LabTests<typeof Reference> is usable wherever LabTests<unknown> is expected.
  register(context: LabTestContext<S>): void;
};

export const DEFAULT_POINTS = 1;
export const DEFAULT_TIMEOUT_MS = 5000;

export function defineTests<S = Record<string, unknown>>(register: (context: LabTestContext<S>) => void): LabTests<S> {
  return { kind: "latent-lab-tests", register };
}

export function isLabTests(value: unknown): value is LabTests<unknown> {
  return typeof value === "object" && value !== null && (value as LabTests<unknown>).kind === "latent-lab-tests";
}

/** Registers the tests of every suite, in order, with tf and the solution injected. Names must be unique. */
export function collectTests(suites: readonly LabTests<unknown>[], inject: { tf: Tf; solution: unknown }): TestCase[] {
  const tests: TestCase[] = [];
  const expectations = createExpectations(inject.tf);
  for (const suite of suites) {
    suite.register({
      ...expectations,
      tf: inject.tf,
      solution: inject.solution,
      random: seededRandom,
      test(name, fn, options = {}) {
        const points = options.points ?? DEFAULT_POINTS;
        const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
        if (!name.trim()) throw new Error("A lab test needs a name that says what it checks.");
        if (tests.some((existing) => existing.name === name)) throw new Error(`Two lab tests are named "${name}".`);
        if (!(points >= 0 && Number.isFinite(points))) throw new Error(`Test "${name}": points must be a number ≥ 0.`);
        if (!(timeoutMs > 0)) throw new Error(`Test "${name}": timeoutMs must be > 0.`);
        tests.push({ name, fn, points, hidden: options.hidden ?? false, timeoutMs });
      },
    });
  }
  return tests;
}
