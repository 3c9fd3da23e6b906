import { afterEach, describe, expect, it, vi } from "vitest";
import { apiRequest, UNREACHABLE } from "./api-client";

function answering(response: Response | Error) {
  const fetch = vi.fn(() => (response instanceof Error ? Promise.reject(response) : Promise.resolve(response)));
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

afterEach(() => void vi.unstubAllGlobals());

describe("apiRequest", () => {
  it("sends a JSON body to this site and reads the JSON answer", async () => {
    const fetch = answering(Response.json({ queue: 1 }));
    expect(await apiRequest<{ queue: number }>("/api/review/answer", { body: { rating: 3 } })).toEqual({ ok: true, status: 200, data: { queue: 1 } });
    expect(fetch).toHaveBeenCalledWith("/api/review/answer", expect.objectContaining({ method: "POST", credentials: "same-origin", headers: { "content-type": "application/json" }, body: '{"rating":3}' }));
  });

  it("sends `{}` with a state-changing request that has no body: routes refuse anything but JSON", async () => {
    const fetch = answering(Response.json({}));
    await apiRequest("/api/review/undo", { method: "POST" });
    expect(fetch).toHaveBeenCalledWith("/api/review/undo", expect.objectContaining({ body: "{}", headers: { "content-type": "application/json" } }));
  });

  it("reads a GET fresh, with no body, unless told to use the browser's cache", async () => {
    const fetch = answering(Response.json({}));
    await apiRequest("/api/review/queue");
    expect(fetch).toHaveBeenLastCalledWith("/api/review/queue", expect.objectContaining({ method: "GET", cache: "no-store", body: undefined }));
    await apiRequest("/api/lab/typings", { cache: "default" });
    expect(fetch).toHaveBeenLastCalledWith("/api/lab/typings", expect.objectContaining({ cache: "default" }));
  });

  it("surfaces the route's refusal as it wrote it", async () => {
    answering(Response.json({ error: { code: "invalid_input", message: "code: too long", field: "code" } }, { status: 413 }));
    expect(await apiRequest("/api/lab/drafts/x", { method: "PUT", body: { code: "" } })).toEqual({
      ok: false,
      status: 413,
      message: "code: too long",
      error: { code: "invalid_input", message: "code: too long", field: "code" },
      retryAfter: null,
    });
  });

  it("passes on when to ask again (Retry-After), whoever answered", async () => {
    answering(Response.json({ error: { code: "busy", message: "The grader is busy." } }, { status: 503, headers: { "retry-after": "7" } }));
    expect(await apiRequest("/api/lab/submissions", { body: {} })).toMatchObject({ ok: false, status: 503, message: "The grader is busy.", retryAfter: "7" });
    answering(new Response("<html>Service unavailable</html>", { status: 503, headers: { "retry-after": "3" } }));
    expect(await apiRequest("/api/lab/submissions", { body: {} })).toMatchObject({ ok: false, status: 503, error: null, retryAfter: "3" });
  });

  it("sends through the fetch it is given (tests script the server's answers)", async () => {
    const global = answering(Response.json({}));
    const given = vi.fn(() => Promise.resolve(Response.json({ ok: 1 })));
    expect(await apiRequest("/api/jobs/1", { fetch: given as unknown as typeof fetch })).toEqual({ ok: true, status: 200, data: { ok: 1 } });
    expect(given).toHaveBeenCalledOnce();
    expect(global).not.toHaveBeenCalled();
  });

  it("names the status when the answer is not one of our refusals (a proxy's HTML page)", async () => {
    answering(new Response("<html>Bad gateway</html>", { status: 502 }));
    expect(await apiRequest("/api/review/queue")).toEqual({ ok: false, status: 502, message: "The server answered 502. Try again.", error: null, retryAfter: null });
  });

  it("says status 0 when the server was not reached", async () => {
    answering(new TypeError("Failed to fetch"));
    expect(await apiRequest("/api/review/queue")).toEqual({ ok: false, status: 0, message: UNREACHABLE, error: null, retryAfter: null });
  });

  it("takes only paths on this site", async () => {
    const fetch = answering(Response.json({}));
    await expect(apiRequest("https://elsewhere.example/api")).rejects.toThrow(/path on this site/);
    await expect(apiRequest("//elsewhere.example/api")).rejects.toThrow(/path on this site/);
    expect(fetch).not.toHaveBeenCalled();
  });
});
