// Picks the fastest TensorFlow.js backend that works here: webgpu → webgl → wasm → cpu. A backend counts only when
// it initialises and computes a small op correctly, read both asynchronously and synchronously: the tests read
// values with dataSync(), and WebGPU's synchronous read goes through a canvas that some drivers (SwiftShader
// among them) return zeros from — a backend like that would fail correct solutions, so it is skipped.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-webgpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { BACKEND_ORDER, type BackendName } from "./protocol";

// The .wasm files are served by this app (app/tfjs-wasm), never by a CDN.
setWasmPaths("/tfjs-wasm/");

/** Why `name` cannot grade here, or null when it works. */
async function unusable(name: BackendName): Promise<string | null> {
  try {
    if (name === "webgpu" && !(navigator as { gpu?: unknown }).gpu) return "WebGPU is turned off or unsupported in this browser";
    if (!(await tf.setBackend(name))) return "it did not initialise";
    await tf.ready();
    const sum = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4])));
    const values = await sum.data();
    sum.dispose();
    // A vector and a scalar reduction, as the tests read them.
    const [product, total] = tf.tidy(() => {
      const p = tf.mul(tf.tensor1d([1.5, 2]), tf.tensor1d([3, 4]));
      return [p, tf.sum(p)];
    });
    const synced = [...product.dataSync(), ...total.dataSync()];
    tf.dispose([product, total]);
    if (values[0] !== 4 || values[1] !== 6) return "a test computation read asynchronously gave wrong values";
    if (synced[0] !== 4.5 || synced[1] !== 8 || synced[2] !== 12.5) return "a test computation read synchronously (dataSync) gave wrong values";
    return null;
  } catch (error) {
    return `it failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

let chosen: Promise<string> | null = null;

export function chooseBackend(forced?: BackendName): Promise<string> {
  chosen ??= (async () => {
    tf.env().set("PROD", true);
    const reasons: string[] = [];
    for (const name of forced ? [forced] : BACKEND_ORDER) {
      const reason = await unusable(name);
      if (reason === null) return name;
      reasons.push(`${name}: ${reason}`);
    }
    if (forced) throw new Error(`The ${forced} backend is not available in this browser (${reasons[0]}).`);
    throw new Error(`No TensorFlow.js backend works in this browser (${reasons.join("; ")}).`);
  })();
  return chosen;
}

export { tf };
