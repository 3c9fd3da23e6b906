// The nesting limit of markdown that someone else wrote (a class deck, a learner's note). The markdown parser and
// KaTeX take time that grows faster than the text with nesting (measured: 1,000 lines of deepening `>` took 9 s to
// render, 4,000 `*` in a row overflowed the stack), so nesting is measured first, in one pass over the text, and
// markdown nested deeper than MAX_NESTING is refused before any parser sees it, naming the line. Pure: no I/O.
//
// What counts, outside fenced code and inline code:
//   - containers on one line: each `>`, each list marker, and every two columns of indentation before them;
//   - open brackets `[`, parentheses `(` and braces `{` (TeX groups) in one block (blocks end at blank lines);
//   - a run of emphasis delimiters (`*`, `_`, `~`): each can open one more level.
// These over-count rather than under-count: real decks stay far below the limit (content/ reaches 6).

/** How deep anything may nest: containers, brackets, braces, emphasis. */
export const MAX_NESTING = 32;

export type NestingProblem = { /** 1-based, counted from `firstLine` */ line: number; message: string };

const OPENERS: Record<string, { close: string; what: string }> = {
  "[": { close: "]", what: "brackets [" },
  "(": { close: ")", what: "parentheses (" },
  "{": { close: "}", what: "braces {" },
};
const EMPHASIS = new Set(["*", "_", "~"]);

function fenceRun(line: string): { char: string; length: number } | null {
  let i = 0;
  while (i < 3 && line[i] === " ") i++;
  const char = line[i];
  if (char !== "`" && char !== "~") return null;
  let length = 0;
  while (line[i + length] === char) length++;
  return length >= 3 ? { char, length } : null;
}

/** Containers opened by a line's prefix: `>` markers, list markers, and indentation (two columns a level). */
function containerDepth(line: string): number {
  let depth = 0;
  let columns = 0;
  let i = 0;
  while (i < line.length) {
    const char = line[i]!;
    if (char === " ") columns += 1;
    else if (char === "\t") columns += 4 - (columns % 4);
    else if (char === ">") depth += 1;
    else if ((char === "-" || char === "*" || char === "+") && (line[i + 1] === " " || line[i + 1] === "\t")) depth += 1;
    else if (char >= "0" && char <= "9") {
      let end = i;
      while (end < line.length && end - i < 10 && line[end]! >= "0" && line[end]! <= "9") end++;
      if ((line[end] === "." || line[end] === ")") && (line[end + 1] === " " || line[end + 1] === "\t")) {
        depth += 1;
        i = end;
      } else break;
    } else break;
    i++;
  }
  return depth + Math.floor(columns / 2);
}

/**
 * The first place `markdown` nests deeper than `limit`, or null. Linear in the text's length. `firstLine` is the
 * line of the text's first line in its file, so that the message names the line the author sees.
 */
export function nestingProblem(markdown: string, options: { limit?: number; firstLine?: number } = {}): NestingProblem | null {
  const limit = options.limit ?? MAX_NESTING;
  const firstLine = options.firstLine ?? 1;
  const lines = markdown.split("\n");
  let fence: { char: string; length: number } | null = null;
  const open: Record<string, number> = { "[": 0, "(": 0, "{": 0 };
  const deeper = (line: number, what: string): NestingProblem => ({
    line: firstLine + line,
    message: `${what} nested more than ${limit} deep; nest less (the limit keeps every deck quick to render).`,
  });

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const run = fenceRun(line);
    if (fence) {
      if (run && run.char === fence.char && run.length >= fence.length && line.trim() === fence.char.repeat(run.length)) fence = null;
      continue;
    }
    if (run) {
      fence = run;
      continue;
    }
    if (line.trim() === "") {
      open["["] = open["("] = open["{"] = 0;
      continue;
    }
    if (containerDepth(line) > limit) return deeper(index, "Block quotes or lists are");

    let emphasisRun = 0;
    for (let i = 0; i < line.length; i++) {
      const char = line[i]!;
      if (char === "\\") {
        i++; // an escaped character is text
        emphasisRun = 0;
        continue;
      }
      if (char === "`") {
        // Inline code: skip to the closing run of the same length on this line, if there is one.
        let length = 1;
        while (line[i + length] === "`") length++;
        const close = line.indexOf("`".repeat(length), i + length);
        i = close < 0 ? i + length - 1 : close + length - 1;
        emphasisRun = 0;
        continue;
      }
      if (EMPHASIS.has(char)) {
        if (++emphasisRun > limit) return deeper(index, "Emphasis markers (* _ ~) are");
        continue;
      }
      emphasisRun = 0;
      const opener = OPENERS[char];
      if (opener) {
        if (++open[char]! > limit) return deeper(index, opener.what === "braces {" ? "Braces { (TeX groups) are" : `${opener.what[0]!.toUpperCase()}${opener.what.slice(1)} are`);
        continue;
      }
      for (const [key, { close }] of Object.entries(OPENERS)) if (char === close && open[key]! > 0) open[key]! -= 1;
    }
  }
  return null;
}
