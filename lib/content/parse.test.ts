import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDeckError, parseDeck } from "./parse";

const deck = (text: string) => parseDeck(text, "content/test-deck.md");
const numbers = (text: string) => deck(text).notes.map((n) => n.number);

describe("parseDeck on the real ml-qa deck", () => {
  const real = parseDeck(fs.readFileSync(path.join(process.cwd(), "content", "ml-qa.md"), "utf8"), "ml-qa.md");

  it("finds 21 notes, numbered 1–12 and 14–22 (there is no Q13), and no errors", () => {
    expect(real.errors).toEqual([]);
    expect(real.notes.map((n) => n.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22]);
    expect(real.slug).toBe("ml-qa");
    expect(real.title).toBe("Machine Learning Q&A");
    expect(real.tags).toEqual(["tensorflow", "deep learning", "gan", "wgan"]);
  });

  it("repairs the mojibake in A5", () => {
    const a5 = real.notes.find((n) => n.number === 5)!.answerMarkdown;
    expect(a5).toContain("Léon Bottou");
    expect(a5).not.toContain("Ã");
  });

  it("keeps the python code of A11, A16 and A18 whole, with HackMD's `python=` normalized", () => {
    for (const n of [11, 16, 18]) {
      const answer = real.notes.find((note) => note.number === n)!.answerMarkdown;
      expect(answer).toMatch(/```python\n/);
      expect(answer).not.toContain("```python=");
      expect(answer.match(/```/g)!.length % 2).toBe(0);
    }
    expect(real.notes.find((n) => n.number === 16)!.answerMarkdown).toContain("def train_step(self, data):");
  });

  it("leaves no separator at the end of any answer, and records each question's line", () => {
    for (const note of real.notes) expect(note.answerMarkdown).not.toMatch(/\n---\s*$/);
    expect(real.notes[0]).toMatchObject({ number: 1, line: 8, question: "how much python do i need to learn to do data science ?" });
  });
});

describe("parseDeck formats", () => {
  it("reads front matter tags as a comma list, a [list] and a YAML list", () => {
    expect(deck("---\ntags: a, b , c\n---\n#### Q1. x\nA1: y").tags).toEqual(["a", "b", "c"]);
    expect(deck("---\ntags: [a, 'b']\n---\n#### Q1. x\nA1: y").tags).toEqual(["a", "b"]);
    expect(deck("---\ntitle: t\ntags:\n  - one\n  - two\n---\n#### Q1. x\nA1: y").tags).toEqual(["one", "two"]);
  });

  it("ignores [toc] and takes the first H1 as the title", () => {
    const d = deck("[toc]\n\n# My Deck\n\n#### Q1. x\nA1:\ny");
    expect(d.title).toBe("My Deck");
    expect(d.notes).toHaveLength(1);
    expect(parseDeck("#### Q1. x\nA1: y", "content/gan-basics.md").title).toBe("GAN Basics");
  });

  it("accepts `Q4:`, `Q5.`, `Q7)`, `Q 8 -` and heading levels 2 to 6", () => {
    const d = deck("## Q4: four?\nA4: 4\n### Q5. five?\nA5: 5\n#### Q7) seven?\nA7: 7\n##### Q 8 - eight?\nA8: 8\n###### Q9 nine?\nA9: 9");
    expect(d.errors).toEqual([]);
    expect(d.notes.map((n) => [n.number, n.question])).toEqual([
      [4, "four?"],
      [5, "five?"],
      [7, "seven?"],
      [8, "eight?"],
      [9, "nine?"],
    ]);
  });

  it("accepts `A3:`, `A3.`, `**A3:**` and text on the marker's line", () => {
    expect(deck("#### Q3. q\nA3. on the same line").notes[0]!.answerMarkdown).toBe("on the same line");
    expect(deck("#### Q3. q\n**A3:** bold marker\nmore").notes[0]!.answerMarkdown).toBe("bold marker\nmore");
    expect(deck("#### Q3. q\n\nA3:\n\nbelow\n").notes[0]!.answerMarkdown).toBe("below");
  });

  it("splits notes at `---` separators and drops them from answers, but keeps a rule inside an answer", () => {
    const d = deck("#### Q1. a\nA1:\none\n\n---\nmiddle\n\n---\n#### Q2. b\nA2: two\n---\n");
    expect(d.notes.map((n) => n.answerMarkdown)).toEqual(["one\n\n---\nmiddle", "two"]);
  });

  it("never splits a note on lines inside fenced code: `---`, `#### Q9.`, `A3:`", () => {
    const text = ["#### Q1. code?", "A1:", "```python=", "x = 1", "---", "#### Q9. not a question", "A3: not a marker", "```", "after", "#### Q2. next", "A2: two"].join("\n");
    const d = deck(text);
    expect(d.errors).toEqual([]);
    expect(d.notes.map((n) => n.number)).toEqual([1, 2]);
    expect(d.notes[0]!.answerMarkdown).toBe("```python\nx = 1\n---\n#### Q9. not a question\nA3: not a marker\n```\nafter");
  });

  it("closes a fence only with the same character, at least as long; ~~~ fences work", () => {
    const d = deck("#### Q1. a\nA1:\n````md\n```\n#### Q2. inner\n```\n````\n~~~\n---\n~~~\n#### Q3. c\nA3: c");
    expect(d.errors).toEqual([]);
    expect(d.notes.map((n) => n.number)).toEqual([1, 3]);
  });

  it("reads CRLF and lone CR line endings and a BOM, with right line numbers", () => {
    const d = deck("\uFEFF#### Q1. a\r\nA1: one\r\n\r\n#### Q2. b\r\nA2:\r\ntwo\r\n");
    expect(d.notes.map((n) => [n.number, n.answerMarkdown, n.line])).toEqual([
      [1, "one", 1],
      [2, "two", 4],
    ]);
    expect(deck("#### Q1. a\rA1: one\r").notes[0]!.answerMarkdown).toBe("one");
  });

  it("allows gaps in numbering", () => {
    expect(numbers("#### Q1. a\nA1: a\n#### Q13. b\nA13: b\n#### Q2. c\nA2: c")).toEqual([1, 13, 2]);
  });

  it("repairs mojibake and leaves correct UTF-8 alone", () => {
    const d = deck("#### Q1. Who is LÃ©on?\nA1: LÃ©on Bottou, Léon, naïve, €5, Ü, 中文, 🙂 â€” itâ€™s");
    expect(d.notes[0]!.question).toBe("Who is Léon?");
    expect(d.notes[0]!.answerMarkdown).toBe("Léon Bottou, Léon, naïve, €5, Ü, 中文, 🙂 — it’s");
  });

  it("joins text between the heading and the marker to the question", () => {
    expect(deck("#### Q1. What is\nlatent space?\nA1: a").notes[0]!.question).toBe("What is latent space?");
  });
});

describe("parseDeck errors", () => {
  it("reports a question with no answer at its line", () => {
    const d = deck("#### Q1. a\nA1: a\n\n#### Q2. no answer\n\n#### Q3. c\nA3: c");
    expect(d.errors).toEqual([{ line: 4, message: 'Q2 has no answer (expected a line "A2:" after the question).' }]);
    expect(d.notes.map((n) => n.number)).toEqual([1, 3]);
  });

  it("reports a duplicated number at the second one, naming the first", () => {
    const d = deck("#### Q1. a\nA1: a\n#### Q1. again\nA1: b");
    expect(d.errors).toEqual([{ line: 3, message: "Q1 is a duplicate: Q1 is already on line 1. Question numbers must be unique in a deck." }]);
  });

  it("reports an unterminated fence at its opening line", () => {
    const d = deck("#### Q1. a\nA1:\n```python\nprint(1)\n#### Q2. swallowed\nA2: b");
    expect(d.errors).toEqual([{ line: 3, message: "The code fence opened on line 3 is never closed: add a closing ``` line." }]);
  });

  it("reports an answer marker without its question, a mismatched one, and an empty answer", () => {
    expect(deck("A1: orphan\n#### Q2. b\nA2: b").errors).toEqual([{ line: 1, message: "The answer marker A1 has no question Q1 before it." }]);
    expect(deck("#### Q2. b\nA3: wrong").errors).toEqual([{ line: 2, message: "The answer marker A3 follows Q2: it should be A2." }]);
    expect(deck("#### Q2. b\nA2:\n\n---\n#### Q3. c\nA3: c").errors).toEqual([{ line: 2, message: "The answer A2 is empty." }]);
  });

  it("reports unterminated front matter", () => {
    expect(deck("---\ntags: a\n#### Q1. a\nA1: a").errors[0]).toEqual({ line: 1, message: "The front matter that starts on line 1 is never closed: add a line with --- after it." });
  });

  it("reports every error of a file, in line order, as file:line: message", () => {
    const d = deck("#### Q1. a\n\n#### Q1. b\nA1: b\n#### Q5. c\nA5:\n~~~\nx");
    expect(d.errors.map((e) => formatDeckError("content/test-deck.md", e))).toEqual([
      'content/test-deck.md:1: Q1 has no answer (expected a line "A1:" after the question).',
      "content/test-deck.md:3: Q1 is a duplicate: Q1 is already on line 1. Question numbers must be unique in a deck.",
      "content/test-deck.md:7: The code fence opened on line 7 is never closed: add a closing ~~~ line.",
    ]);
  });
});
