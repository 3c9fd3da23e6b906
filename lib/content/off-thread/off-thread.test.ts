import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Refusal } from "@/lib/refusal";
import { MAX_NESTING } from "../nesting";
import { parseDeck } from "../parse";
import { renderMarkdown } from "../render";
import { closeParsingThreads, OFF_THREAD_LIMITS, parseDeckOffThread, renderAnswersOffThread, renderMarkdownOffThread } from ".";
import { createParsingPool, OffThreadFailure } from "./pool";

afterAll(() => closeParsingThreads());

const realDeck = fs.readFileSync(path.join(process.cwd(), "content", "ml-qa.md"), "utf8");

describe("the off-thread parser and renderer", () => {
  it("parse and render as parseDeck and renderMarkdown do in the calling thread", async () => {
    const parsed = await parseDeckOffThread(realDeck, "ml-qa.md");
    expect(parsed).toEqual(parseDeck(realDeck, "ml-qa.md"));
    const rendered = await renderAnswersOffThread(parsed.notes.map((note) => ({ markdown: note.answerMarkdown, line: note.answerStartLine })));
    expect(rendered.ok).toBe(true);
    if (rendered.ok) expect(rendered.html).toEqual(await Promise.all(parsed.notes.map((note) => renderMarkdown(note.answerMarkdown))));
    expect(await renderMarkdownOffThread("*a* $x^2$")).toBe(await renderMarkdown("*a* $x^2$"));
  });

  it("parses the 448-byte deck that froze the server (a heading, 400 spaces, U+2028)", async () => {
    const deck = await parseDeckOffThread(`## Q2${" ".repeat(400)}\u2028\nA2: x`, "frozen.md");
    expect(deck.notes).toMatchObject([{ number: 2, answerMarkdown: "x" }]);
    const worse = await parseDeckOffThread(`# T${" ".repeat(100_000)}\u2029x\n## Q2 why${" ".repeat(100_000)}\u2028\nA2: x`, "worse.md");
    expect(worse.errors).toEqual([]);
    expect(worse.notes).toHaveLength(1);
  });

  it("refuses an answer nested past the limit with its line, for the deck and for one markdown", async () => {
    const source = ["#### Q1. fine", "A1: fine", "", "#### Q2. deep", "A2:", "intro", `${">".repeat(4000)} x`].join("\n");
    const deck = await parseDeckOffThread(source, "deep.md");
    const rendered = await renderAnswersOffThread(deck.notes.map((note) => ({ markdown: note.answerMarkdown, line: note.answerStartLine })));
    expect(rendered).toEqual({ ok: false, errors: [{ line: 7, message: expect.stringContaining(`nested more than ${MAX_NESTING} deep`) }] });

    const refused = await renderMarkdownOffThread(`a\n\n${"*_".repeat(3000)}x`).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Refusal);
    expect(refused).toMatchObject({ status: 422, message: expect.stringMatching(/^line 3: Emphasis markers/) });
  });

  it("refuses text past its size with 413, before any thread sees it", async () => {
    await expect(parseDeckOffThread("x".repeat(OFF_THREAD_LIMITS.deckBytes + 1), "big.md")).rejects.toMatchObject({ status: 413 });
    // Bytes, not characters: 200 K of "é" is 400 KB.
    await expect(renderMarkdownOffThread("é".repeat(200 * 1024), { maxBytes: 300 * 1024 })).rejects.toMatchObject({ status: 413, message: expect.stringContaining("300 KB") });
  });
});

describe("the parsing pool", () => {
  const slow = { kind: "render" as const, items: [{ markdown: "fast", firstLine: 1 }, { markdown: Array.from({ length: 3000 }, (_, i) => `- item *${i}* [link](u) $x_${i}$`).join("\n"), firstLine: 2 }] };

  it("ends a thread past an item's time limit, names the item, and runs the next task on a fresh thread", async () => {
    const pool = createParsingPool({ threads: 1, queue: 4, heapMb: 256 });
    try {
      await pool.run({ kind: "render", items: [{ markdown: "warm *up*", firstLine: 1 }] }, { itemMs: 60_000, totalMs: 60_000 });
      // The first item takes milliseconds once the thread is warm, the second seconds.
      const late = pool.run(slow, { itemMs: 2_000, totalMs: 60_000 });
      const next = pool.run({ kind: "render", items: [{ markdown: "after", firstLine: 1 }] }, { itemMs: 10_000, totalMs: 10_000 });
      const failure = await late.catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(OffThreadFailure);
      expect(failure).toMatchObject({ reason: "time", item: 1, message: "item" });
      expect(await next).toEqual({ kind: "render", outcomes: [{ ok: true, html: "<p>after</p>" }] });
    } finally {
      pool.close();
    }
  });

  it("says the whole task passed its limit when it did", async () => {
    const pool = createParsingPool({ threads: 1, queue: 4, heapMb: 256 });
    try {
      await expect(pool.run(slow, { itemMs: 60_000, totalMs: 2_000 })).rejects.toMatchObject({ reason: "time", item: 1, message: "total" });
    } finally {
      pool.close();
    }
  });

  it("refuses a task at once when every thread is busy and the queue is full", async () => {
    const pool = createParsingPool({ threads: 1, queue: 1, heapMb: 256 });
    try {
      const running = pool.run(slow, { itemMs: 60_000, totalMs: 60_000 }).catch((error: unknown) => error);
      const queued = pool.run(slow, { itemMs: 60_000, totalMs: 60_000 }).catch((error: unknown) => error);
      await expect(pool.run(slow, { itemMs: 60_000, totalMs: 60_000 })).rejects.toMatchObject({ reason: "busy" });
      pool.close();
      expect(await queued).toMatchObject({ reason: "crashed" });
      expect(await running).toMatchObject({ reason: "crashed" });
    } finally {
      pool.close();
    }
  });

  it("ends a thread that passes its heap limit, and says so", async () => {
    const pool = createParsingPool({ threads: 1, queue: 1, heapMb: 16 });
    try {
      const huge = Array.from({ length: 60_000 }, (_, i) => `| ${i} | *a* | b | c | d | e |`).join("\n");
      await expect(pool.run({ kind: "render", items: [{ markdown: `| h | a | b | c | d | e |\n|-|-|-|-|-|-|\n${huge}`, firstLine: 1 }] }, { itemMs: 120_000, totalMs: 120_000 })).rejects.toMatchObject({ reason: "memory" });
    } finally {
      pool.close();
    }
  });
});
