// Front matter: the block between a first line `---` and the next `---` (or `...`) line of a markdown file, in the
// small YAML subset our files use: `key: value`, `key: [a, 'b']`, and a key with an empty value followed by
// `- item` lines; blank lines and `# comments` are skipped. Read by the decks (parse.ts: tags) and the exercises'
// prompts (lib/lab/exercises/prompt.ts), each keeping the keys it knows. Pure: no I/O.

export type FrontMatterEntry = { key: string; value: string | string[]; /** 1-based, in the whole file */ line: number };
export type FrontMatterProblem = { line: number; message: string };

export type FrontMatter = {
  entries: FrontMatterEntry[];
  /** Lines that are none of the above, for a reader that refuses them. */
  problems: FrontMatterProblem[];
  /** The markdown after the block, and the (1-based) line it starts on. */
  body: string;
  bodyLine: number;
};

// Prefixes only (linear-time on any line): the value after them is taken with string code.
const PAIR_KEY = /^([A-Za-z][\w-]*)[ \t]*:/;
const ITEM_MARK = /^[ \t]*-[ \t]/;

/** The file's front matter; "none" when it does not start with one, "unclosed" when its block never ends. */
export function readFrontMatter(markdown: string): FrontMatter | "none" | "unclosed" {
  const lines = markdown.split("\n").map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
  if (lines[0]?.trim() !== "---") return "none";
  const end = lines.findIndex((line, index) => index > 0 && (line.trim() === "---" || line.trim() === "..."));
  if (end < 0) return "unclosed";
  const entries: FrontMatterEntry[] = [];
  const problems: FrontMatterProblem[] = [];
  let list: string[] | null = null;
  lines.slice(1, end).forEach((text, index) => {
    const line = index + 2;
    if (!text.trim() || text.trim().startsWith("#")) return;
    const item = ITEM_MARK.exec(text);
    if (item && list) {
      list.push(unquote(text.slice(item[0].length).trim()));
      return;
    }
    const pair = PAIR_KEY.exec(text);
    if (!pair) {
      problems.push({ line, message: `expected "key: value", got ${JSON.stringify(text)}` });
      list = null;
      return;
    }
    const value = text.slice(pair[0].length).trim();
    list = value === "" ? [] : null;
    entries.push({ key: pair[1]!, value: list ?? parseValue(value), line });
  });
  return { entries, problems, body: lines.slice(end + 1).join("\n"), bodyLine: end + 2 };
}

function parseValue(value: string): string | string[] {
  if (!(value.startsWith("[") && value.endsWith("]"))) return unquote(value);
  const inner = value.slice(1, -1).trim();
  return inner === "" ? [] : inner.split(",").map((part) => unquote(part.trim()));
}

function unquote(value: string): string {
  const quote = value[0];
  return value.length >= 2 && (quote === '"' || quote === "'") && value.endsWith(quote) ? value.slice(1, -1) : value;
}
