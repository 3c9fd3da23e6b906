import { describe, expect, it } from "vitest";
import { readBodyText } from "./body";

/**
 * A request whose body arrives chunk by chunk (one per timer tick, as from a network), with no Content-Length;
 * `pulled` counts the chunks produced so far.
 */
function streamed(chunks: number, chunkBytes: number) {
  let produced = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (produced >= chunks) return controller.close();
      produced++;
      controller.enqueue(new Uint8Array(chunkBytes).fill(97));
    },
  });
  const request = new Request("http://latent.test/", { method: "POST", body, duplex: "half" } as RequestInit);
  return { request, pulled: () => produced };
}

describe("readBodyText", () => {
  it("reads a body within the limit, exactly at the limit included", async () => {
    const { request } = streamed(4, 1024);
    expect(await readBodyText(request, 4096)).toEqual({ ok: true, text: "a".repeat(4096) });
    expect(await readBodyText(new Request("http://latent.test/", { method: "POST", body: "{}" }), 2)).toEqual({ ok: true, text: "{}" });
  });

  it("stops reading a stream with no Content-Length as soon as it passes the limit", async () => {
    const { request, pulled } = streamed(4 * 1024, 1024); // 4 MiB if read whole
    expect(await readBodyText(request, 64 * 1024)).toEqual({ ok: false, problem: "too_large" });
    expect(pulled()).toBeLessThanOrEqual(66);
  });

  it("refuses a declared Content-Length past the limit without reading", async () => {
    const { request, pulled } = streamed(10, 1024);
    const declared = new Request(request, { headers: { "content-length": "10240" } });
    expect(await readBodyText(declared, 1024)).toEqual({ ok: false, problem: "too_large" });
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  it("refuses bytes that are not UTF-8", async () => {
    const request = new Request("http://latent.test/", { method: "POST", body: new Uint8Array([0x7b, 0xff, 0x7d]) });
    expect(await readBodyText(request, 1024)).toEqual({ ok: false, problem: "not_utf8" });
  });
});
