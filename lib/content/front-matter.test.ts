import { describe, expect, it } from "vitest";
import { readFrontMatter } from "./front-matter";

describe("readFrontMatter", () => {
  it("reads scalars, [inline] lists and - item lists, with their lines, and the body after the block", () => {
    const read = readFrontMatter("---\ntitle: \"KL: divergence\"\n# a comment\ntags: [a, 'b']\nnotes:\n  - ml-qa#6\n- ml-qa#5\n...\n# Body\n");
    expect(read).toEqual({
      entries: [
        { key: "title", value: "KL: divergence", line: 2 },
        { key: "tags", value: ["a", "b"], line: 4 },
        { key: "notes", value: ["ml-qa#6", "ml-qa#5"], line: 5 },
      ],
      problems: [],
      body: "# Body\n",
      bodyLine: 9,
    });
  });

  it("says which lines it cannot read, and when there is no block or it never ends", () => {
    expect(readFrontMatter("---\ntitle: x\njust text\n---\n")).toMatchObject({ problems: [{ line: 3, message: 'expected "key: value", got "just text"' }] });
    expect(readFrontMatter("# no front matter")).toBe("none");
    expect(readFrontMatter("---\ntitle: x\n")).toBe("unclosed");
  });
});
