// Reading a request body without trusting its size: a declared Content-Length past the limit is refused unread,
// and a body without one (chunked) is read from the stream only until it passes the limit.
import type { IncomingMessage } from "node:http";

export type BodyText = { ok: true; text: string } | { ok: false; problem: "too_large" | "not_utf8" };

export async function readBodyText(request: Request, maxBytes: number): Promise<BodyText> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) return { ok: false, problem: "too_large" };
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      // Stop reading here. The rest is left unread on the connection (held in socket buffers, not in memory) while
      // the refusal is answered; the server closes the connection at its keep-alive timeout.
      if (size > maxBytes) return { ok: false, problem: "too_large" };
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return utf8Text(bytes);
}

function utf8Text(bytes: Uint8Array): BodyText {
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, problem: "not_utf8" };
  }
}

/**
 * readBodyText for a Node request (Latent's own server, lib/server/direct-routes.ts): the same limits, read from the
 * socket without web streams. Past the limit, reading stops and the rest is left unread.
 */
export function readNodeBodyText(request: IncomingMessage, maxBytes: number): Promise<BodyText> {
  const declared = request.headers["content-length"];
  if (declared !== undefined && Number(declared) > maxBytes) return Promise.resolve({ ok: false, problem: "too_large" });
  return new Promise<BodyText>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= maxBytes) return void chunks.push(chunk);
      stop();
      request.pause();
      resolve({ ok: false, problem: "too_large" });
    };
    const onEnd = () => {
      stop();
      resolve(utf8Text(Buffer.concat(chunks, size)));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", onError);
  });
}
