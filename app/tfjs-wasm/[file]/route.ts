import fs from "node:fs/promises";
import path from "node:path";

// TensorFlow.js's WebAssembly backend binaries, served by this app (never a CDN).
const FILES = new Set(["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"]);

export async function GET(_request: Request, context: { params: Promise<{ file: string }> }) {
  const { file } = await context.params;
  if (!FILES.has(file)) return new Response("Not found", { status: 404 });
  const body = await fs.readFile(path.join(process.cwd(), "node_modules", "@tensorflow", "tfjs-backend-wasm", "dist", file));
  return new Response(new Uint8Array(body), {
    headers: { "Content-Type": "application/wasm", "Cache-Control": "public, max-age=31536000, immutable" },
  });
}
