import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-url";

const site = "http://localhost:3000";

describe("safeCallbackPath", () => {
  it("keeps a path of this site, its query and fragment, and an absolute URL of this very site", () => {
    expect(safeCallbackPath("/lab/kl-divergence?backend=cpu#editor", "/", site)).toBe("/lab/kl-divergence?backend=cpu#editor");
    expect(safeCallbackPath("/decks", "/", site)).toBe("/decks");
    expect(safeCallbackPath(`${site}/review`, "/", site)).toBe("/review");
    expect(safeCallbackPath("review", "/", site)).toBe("/review");
  });

  it("falls back for every way of writing another site that a browser would follow", () => {
    for (const vector of [
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r/evil.example",
      "/\\/evil.example",
      "\\\\evil.example",
      "//evil.example",
      " //evil.example",
      "\t//evil.example",
      "///evil.example",
      "https://evil.example",
      "http://localhost:3000@evil.example/",
      "https://localhost:3000/",
      "http://localhost:3001/",
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "http://localhost:3000//evil.example",
      "http://localhost:3000/\\evil.example",
    ]) {
      expect(safeCallbackPath(vector, "/fallback", site), JSON.stringify(vector)).toBe("/fallback");
    }
  });

  it("keeps what stays on this site even when it looks odd: encoded characters stay encoded", () => {
    expect(safeCallbackPath("/%09/evil.example", "/", site)).toBe("/%09/evil.example");
    expect(safeCallbackPath("/%5Cevil.example", "/", site)).toBe("/%5Cevil.example");
    expect(safeCallbackPath("/%2F%2Fevil.example", "/", site)).toBe("/%2F%2Fevil.example");
    // "http:" without slashes is a path relative to this site for a browser on http.
    expect(safeCallbackPath("http:evil.example", "/", site)).toBe("/evil.example");
  });

  it("falls back when there is nothing", () => {
    expect(safeCallbackPath(undefined, "/decks", site)).toBe("/decks");
    expect(safeCallbackPath("", "/decks", site)).toBe("/decks");
    expect(safeCallbackPath(null, "/decks", site)).toBe("/decks");
  });
});
