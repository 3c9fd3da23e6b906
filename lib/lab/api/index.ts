// The face of the lab's test API: what a test file imports. Environment-agnostic (browser worker, Node, sandbox):
// nothing here imports Node modules or TensorFlow.js itself; tf arrives through the test context.
export { defineTests, collectTests, isLabTests, DEFAULT_POINTS, DEFAULT_TIMEOUT_MS } from "./define";
export type { LabTests, LabTestContext, TestCase, TestFn, TestOptions } from "./define";
export { createExpectations, isThenable } from "./expect";
export type { Expectations, CheckOptions, CloseOptions, Hint, Plain } from "./expect";
export type { GradientCheck, GradientOptions } from "./gradient";
export type { InputSnapshot, SnapshotInputs } from "./untouched";
export { LabAssertionError, isAssertionError } from "./errors";
export { seededRandom } from "./random";
export type { SeededRandom } from "./random";
export { toleranceFor } from "./tolerance";
export type { Tf, Tensor } from "./tf";
