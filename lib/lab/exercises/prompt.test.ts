import { describe, expect, it } from "vitest";
import { parsePrompt } from "./prompt";

describe("parsePrompt", () => {
  it("reads inline and block lists, quotes and the body", () => {
    const { meta, body } = parsePrompt(
      `---\ntitle: "KL: divergence"\norder: 2\nnotes:\n  - ml-qa#6\n  - ml-qa#5\nexports: [klDivergence, other]\n---\n\n# Body\n`,
    );
    expect(meta).toEqual({ title: "KL: divergence", order: 2, notes: ["ml-qa#6", "ml-qa#5"], exports: ["klDivergence", "other"] });
    expect(body).toBe("# Body");
  });

  it("says what is wrong, with the file", () => {
    expect(() => parsePrompt("# no front matter")).toThrow("prompt.md: missing front matter");
    expect(() => parsePrompt("---\ntitle: x\norder: 1\nnotes: [qa 6]\nexports: []\n---\n", "lab/x/prompt.md")).toThrow(
      /lab\/x\/prompt\.md: notes\.0: a note ref looks like ml-qa#6[\s\S]*exports: list the names/,
    );
    expect(() => parsePrompt("---\ntitle: x\njust text\n---\n")).toThrow('prompt.md:3: expected "key: value"');
  });
});
