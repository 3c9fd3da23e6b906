import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_NESTING, nestingProblem } from "./nesting";
import { parseDeck } from "./parse";

const deep = MAX_NESTING + 1;
// Each construct nested one level past the limit, on line 3 of its text.
const PAST_THE_LIMIT: Record<string, string> = {
  "block quotes on one line": `${">".repeat(deep)} x`,
  "block quotes line by line": Array.from({ length: deep }, (_, i) => `${">".repeat(i + 1)} x`).join("\n"),
  "lists by indentation": Array.from({ length: deep }, (_, i) => `${"  ".repeat(i)}- x`).join("\n"),
  "ordered lists": Array.from({ length: deep }, () => "1.").join(" ") + " x",
  emphasis: `${"*".repeat(deep)}x${"*".repeat(deep)}`,
  "mixed emphasis": `${"*_~".repeat(12)}x`,
  links: `${"[".repeat(deep)}x${"](u)".repeat(deep)}`,
  images: `${"![".repeat(deep)}x${"](u)".repeat(deep)}`,
  parentheses: `${"(".repeat(deep)}x${")".repeat(deep)}`,
  "TeX groups": `$${"\\frac{".repeat(deep)}x${"}{y}".repeat(deep)}$`,
};

describe("nestingProblem", () => {
  for (const [name, text] of Object.entries(PAST_THE_LIMIT)) {
    it(`refuses ${name} nested past ${MAX_NESTING}, naming the line`, () => {
      const lines = text.split("\n");
      const problem = nestingProblem(`intro\n\n${text}`, { firstLine: 10 });
      expect(problem).not.toBeNull();
      expect(problem!.line).toBeGreaterThanOrEqual(12);
      expect(problem!.line).toBeLessThanOrEqual(12 + lines.length - 1);
      expect(problem!.message).toMatch(new RegExp(`nested more than ${MAX_NESTING} deep`));
    });
  }

  it("accepts nesting up to the limit, and brackets that close", () => {
    expect(nestingProblem(`${">".repeat(MAX_NESTING)} x`)).toBeNull();
    expect(nestingProblem(`${"[".repeat(MAX_NESTING)}x${"]".repeat(MAX_NESTING)}`)).toBeNull();
    expect(nestingProblem(Array.from({ length: 1000 }, () => "[a](b) (c) {d} *e* _f_").join("\n"))).toBeNull();
  });

  it("does not count what is inside fenced or inline code, or escaped", () => {
    const code = "[".repeat(100);
    expect(nestingProblem(`\`\`\`\n${code}\n\`\`\`\nafter`)).toBeNull();
    expect(nestingProblem(`~~~~\n${code}\n~~~\n~~~~`)).toBeNull();
    expect(nestingProblem(`a \`${code}\` b`)).toBeNull();
    expect(nestingProblem("\\*".repeat(100))).toBeNull();
  });

  it("resets brackets at a blank line (they cannot span blocks)", () => {
    expect(nestingProblem(Array.from({ length: deep }, () => "[").join("\n\n"))).toBeNull();
  });

  it("finds nothing to refuse in the decks of content/", () => {
    for (const file of fs.readdirSync(path.join(process.cwd(), "content")).filter((name) => name.endsWith(".md"))) {
      const deck = parseDeck(fs.readFileSync(path.join(process.cwd(), "content", file), "utf8"), file);
      for (const note of deck.notes) expect(nestingProblem(note.answerMarkdown, { firstLine: note.answerStartLine }), `${file} Q${note.number}`).toBeNull();
    }
  });
});
