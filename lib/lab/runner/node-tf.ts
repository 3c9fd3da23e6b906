// TensorFlow.js for Node-side grading (CLI, tests): the pure-JS CPU backend, the same kernels the sandbox runs.
// Node-only. We don't use tfjs-node; PROD mode silences tfjs's console hint to install it.
import * as tf from "@tensorflow/tfjs";

export async function loadNodeTf(): Promise<typeof tf> {
  tf.env().set("PROD", true);
  if (tf.getBackend() !== "cpu") await tf.setBackend("cpu");
  await tf.ready();
  return tf;
}
