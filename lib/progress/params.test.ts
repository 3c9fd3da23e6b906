import { describe, expect, it } from "vitest";
import { parseProgressParams, progressHref } from "./params";

describe("progress URL state", () => {
  it("reads a deck and a range, and falls back to all decks and 30 days", () => {
    expect(parseProgressParams({})).toEqual({ deck: null, range: 30 });
    expect(parseProgressParams({ deck: "ml-qa", range: "365" })).toEqual({ deck: "ml-qa", range: 365 });
    expect(parseProgressParams({ deck: ["a", "b"], range: ["90", "30"] })).toEqual({ deck: "a", range: 90 });
    expect(parseProgressParams({ deck: "", range: "45" })).toEqual({ deck: null, range: 30 });
    expect(parseProgressParams({ range: "abc" })).toEqual({ deck: null, range: 30 });
    expect(parseProgressParams({ deck: "x".repeat(300) })).toEqual({ deck: null, range: 30 });
  });

  it("writes only what differs from the defaults", () => {
    expect(progressHref({ deck: null, range: 30 })).toBe("/progress");
    expect(progressHref({ deck: "ml-qa", range: 90 })).toBe("/progress?deck=ml-qa&range=90");
    expect(progressHref({ deck: "a b&c", range: 30 })).toBe("/progress?deck=a+b%26c");
  });
});
