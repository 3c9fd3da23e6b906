// The TensorFlow.js types the test API works with. Type-only: the library itself is always injected (the browser
// worker, the Node grader and the sandbox each bring their own instance), never imported here.
import type * as tfjs from "@tensorflow/tfjs";

export type Tf = typeof tfjs;
export type Tensor = tfjs.Tensor;
