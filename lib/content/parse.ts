// Parses one deck (a markdown file of numbered questions and answers) into notes. Pure: no I/O.
//
//   ---                      optional front matter: `tags: a, b` | `tags: [a, b]` | a YAML list
//   [toc]                    ignored
//   # Deck title             the first H1 outside code, else derived from the file name
//   #### Q4. Question?       heading levels 2–6; `Q4.` `Q4:` `Q4)` `Q4 -` `Q 4` all work
//   A4:                      the answer marker (`A4.` `**A4:**` too); text after it on the line belongs to the answer
//   …answer markdown…        up to the next question; trailing `---` separators and blank lines are dropped
//
// Lines inside fenced code (``` or ~~~, any info string, longer fences) never start, end or split a note.
import { readFrontMatter, type FrontMatterEntry } from "./front-matter";
import { repairMojibake } from "./mojibake";

export type ParsedNote = {
  number: number;
  question: string;
  answerMarkdown: string;
  /** The question's line. */
  line: number;
  /** The line of the answer's first line (where a problem in the answer's markdown is counted from). */
  answerStartLine: number;
};
export type DeckError = { line: number; message: string };
export type ParsedDeck = { slug: string; title: string; tags: string[]; notes: ParsedNote[]; errors: DeckError[] };

// Every pattern here is linear-time on any line (lib/regex-safety.test.ts checks them with a ReDoS detector): each
// matches a fixed prefix, and what follows it (a question's text, an answer's first line) is taken with string code,
// never with `(.*)$`, whose backtracking against a line holding U+2028 once froze the server for seconds.
const QUESTION_PREFIX = /^ {0,3}#{2,6}[ \t]+(?:\*\*|__)?Q[ \t]?(\d+)(?:\*\*|__)?/i;
const QUESTION_DELIMITER = /^[ \t]*[.:)\-]/;
const ANSWER_PREFIX = /^ {0,3}(?:\*\*|__)?A[ \t]?(\d+)[ \t]*[.:)](?:\*\*|__)?/;
const FENCE_PREFIX = /^ {0,3}(?:`{3,}|~{3,})/;
const H1_PREFIX = /^ {0,3}#[ \t]/;
const SEPARATOR = /^ {0,3}(?:-[ \t]*){3,}$|^ {0,3}(?:\*[ \t]*){3,}$|^ {0,3}(?:_[ \t]*){3,}$/;
const TOC = /^[ \t]*\[toc\][ \t]*$/i;

/** The largest question number: note numbers are stored as 32-bit integers, and a deck has far fewer notes. */
export const MAX_QUESTION_NUMBER = 1_000_000;

const isBlank = (char: string | undefined) => char === " " || char === "\t";

/** `text` without spaces and tabs at either end (String.trim also removes other whitespace, which is content here). */
function trimBlanks(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isBlank(text[start])) start++;
  while (end > start && isBlank(text[end - 1])) end--;
  return text.slice(start, end);
}

/** A heading's text without its optional closing sequence of `#` (CommonMark: preceded by a blank, or all of it). */
function headingText(rest: string): string {
  const text = trimBlanks(rest);
  let end = text.length;
  while (end > 0 && text[end - 1] === "#") end--;
  if (end === text.length) return text;
  if (end === 0) return "";
  return isBlank(text[end - 1]) ? trimBlanks(text.slice(0, end)) : text;
}

/** A question heading: its number and text, or null when the line is not one. */
function questionOf(line: string): { number: string; text: string } | null {
  const prefix = QUESTION_PREFIX.exec(line);
  if (!prefix) return null;
  let rest = line.slice(prefix[0].length);
  const delimiter = QUESTION_DELIMITER.exec(rest);
  if (delimiter) rest = rest.slice(delimiter[0].length);
  else if (rest !== "" && !isBlank(rest[0])) return null;
  return { number: prefix[1]!, text: headingText(rest) };
}

/** An answer marker: its number and the text after it on the line, or null. */
function answerOf(line: string): { number: string; text: string } | null {
  const prefix = ANSWER_PREFIX.exec(line);
  if (!prefix) return null;
  let rest = line.slice(prefix[0].length);
  let start = 0;
  while (isBlank(rest[start])) start++;
  rest = rest.slice(start);
  return { number: prefix[1]!, text: rest };
}

/** An opening code fence: its character, length and info string, or null. */
function fenceOf(line: string): { char: string; length: number; info: string } | null {
  const prefix = FENCE_PREFIX.exec(line);
  if (!prefix) return null;
  const run = prefix[0].trimStart();
  const info = line.slice(prefix[0].length);
  // A backtick fence's info string may not contain a backtick (CommonMark), else it is inline code.
  if (run[0] === "`" && info.includes("`")) return null;
  return { char: run[0]!, length: run.length, info };
}

/** Whether `line` closes a fence of `char` at least `length` long: up to 3 spaces, the run, then only blanks. */
function closesFence(line: string, fence: { char: string; length: number }): boolean {
  let i = 0;
  while (i < 3 && line[i] === " ") i++;
  let run = 0;
  while (line[i + run] === fence.char) run++;
  if (run < fence.length) return false;
  for (let k = i + run; k < line.length; k++) if (!isBlank(line[k])) return false;
  return true;
}

function h1Of(line: string): string | null {
  const prefix = H1_PREFIX.exec(line);
  if (!prefix) return null;
  return headingText(line.slice(prefix[0].length)) || null;
}

type Draft = {
  number: number;
  question: string;
  line: number;
  answerLine: number | null;
  /** The line of body[0]: the marker's own line when text follows the marker, else the next. */
  bodyLine: number;
  body: string[];
  /** A duplicate: its answer is read (so it causes no second error) but not kept. */
  ignored?: boolean;
};

export function deckSlug(fileName: string): string {
  const base = fileName.replace(/\\/g, "/").split("/").pop() ?? fileName;
  return base.replace(/\.md$/i, "");
}

function titleFromSlug(slug: string): string {
  const words = slug.split(/[-_\s]/).filter(Boolean);
  return words.map((w) => (w.length <= 3 ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1))).join(" ") || slug;
}

// HackMD/CodiMD add `=` (line numbers) to the language: ```python= or ```python=12.
function normalizeInfo(info: string): string {
  const language = /^\s*[^\s=`]+/.exec(info);
  if (!language || info[language[0].length] !== "=") return info;
  let end = language[0].length + 1;
  while (end < info.length && !/\s/.test(info[end]!)) end++;
  return language[0] + info.slice(end);
}

// `tags: a, b` is a comma list here, as well as `tags: [a, b]` and a YAML list; other keys are not the deck's.
function tagsOf(entries: FrontMatterEntry[]): string[] {
  const tags = entries.filter((entry) => entry.key.toLowerCase() === "tags").flatMap((entry) => (Array.isArray(entry.value) ? entry.value : entry.value.split(",")));
  return [...new Set(tags.map((t) => t.trim().replace(/^["']|["']$/g, "")).filter(Boolean))];
}

/** The answer without trailing separators and blank lines, and how many blank lines it began with. */
function trimAnswer(body: string[]): { markdown: string; skipped: number } {
  let end = body.length;
  while (end > 0 && (body[end - 1]!.trim() === "" || SEPARATOR.test(body[end - 1]!))) end--;
  let start = 0;
  while (start < end && body[start]!.trim() === "") start++;
  return { markdown: body.slice(start, end).join("\n"), skipped: start };
}

/** `onLine` is told every PROGRESS_EVERY lines where the parse is (the parsing thread reports it, to name a line). */
export const PROGRESS_EVERY = 1000;

export function parseDeck(source: string, fileName: string, onLine?: (line: number) => void): ParsedDeck {
  const slug = deckSlug(fileName);
  const text = repairMojibake(source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"));
  const lines = text.split("\n");
  const errors: DeckError[] = [];
  const notes: ParsedNote[] = [];
  const firstLineOf = new Map<number, number>();
  let tags: string[] = [];
  let title: string | null = null;

  let i = 0;
  const frontMatter = readFrontMatter(text);
  if (frontMatter === "unclosed") {
    errors.push({ line: 1, message: "The front matter that starts on line 1 is never closed: add a line with --- after it." });
    return { slug, title: titleFromSlug(slug), tags, notes, errors };
  }
  if (frontMatter !== "none") {
    tags = tagsOf(frontMatter.entries);
    i = frontMatter.bodyLine - 1;
  }

  let current: Draft | null = null;
  let fence: { char: string; length: number; line: number } | null = null;

  const finish = (draft: Draft | null) => {
    if (!draft || draft.ignored) return;
    if (draft.answerLine === null) {
      errors.push({ line: draft.line, message: `Q${draft.number} has no answer (expected a line "A${draft.number}:" after the question).` });
      return;
    }
    const { markdown: answerMarkdown, skipped } = trimAnswer(draft.body);
    if (!answerMarkdown) {
      errors.push({ line: draft.answerLine, message: `The answer A${draft.number} is empty.` });
      return;
    }
    notes.push({ number: draft.number, question: draft.question, answerMarkdown, line: draft.line, answerStartLine: draft.bodyLine + skipped });
  };

  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNumber = i + 1;
    if (onLine && lineNumber % PROGRESS_EVERY === 0) onLine(lineNumber);

    if (fence) {
      if (closesFence(line, fence)) fence = null;
      if (current?.answerLine != null) current.body.push(line);
      continue;
    }

    const opened = fenceOf(line);
    if (opened) {
      fence = { char: opened.char, length: opened.length, line: lineNumber };
      if (current?.answerLine != null) current.body.push(line.slice(0, line.length - opened.info.length) + normalizeInfo(opened.info));
      continue;
    }

    const question = questionOf(line);
    if (question) {
      finish(current);
      const number = Number(question.number);
      if (!(number <= MAX_QUESTION_NUMBER)) {
        errors.push({ line: lineNumber, message: `Q${question.number.length > 12 ? `${question.number.slice(0, 12)}…` : question.number}: question numbers go up to ${MAX_QUESTION_NUMBER.toLocaleString("en")}; renumber it.` });
        current = { number, question: "", line: lineNumber, answerLine: null, bodyLine: lineNumber, body: [], ignored: true };
        continue;
      }
      const first = firstLineOf.get(number);
      if (first !== undefined) {
        errors.push({ line: lineNumber, message: `Q${number} is a duplicate: Q${number} is already on line ${first}. Question numbers must be unique in a deck.` });
        current = { number, question: "", line: lineNumber, answerLine: null, bodyLine: lineNumber, body: [], ignored: true };
        continue;
      }
      firstLineOf.set(number, lineNumber);
      current = { number, question: question.text.trim(), line: lineNumber, answerLine: null, bodyLine: lineNumber, body: [] };
      if (!current.question) errors.push({ line: lineNumber, message: `Q${number} has no question text after its number.` });
      continue;
    }

    if (!current || current.answerLine === null) {
      const answer = answerOf(line);
      if (answer) {
        const number = Number(answer.number);
        if (!current) {
          errors.push({ line: lineNumber, message: `The answer marker A${number} has no question Q${number} before it.` });
        } else if (number !== current.number) {
          errors.push({ line: lineNumber, message: `The answer marker A${number} follows Q${current.number}: it should be A${current.number}.` });
          current = null;
        } else {
          current.answerLine = lineNumber;
          current.bodyLine = lineNumber + 1;
          if (answer.text.trim()) {
            current.body.push(answer.text);
            current.bodyLine = lineNumber;
          }
        }
        continue;
      }
    }

    if (current?.answerLine != null) {
      current.body.push(line);
    } else if (current) {
      // Text between the heading and the answer marker continues the question.
      if (line.trim() && !SEPARATOR.test(line)) current.question = `${current.question} ${line.trim()}`.trim();
    } else if (title === null && !TOC.test(line)) {
      title = h1Of(line);
    }
  }

  if (fence) errors.push({ line: fence.line, message: `The code fence opened on line ${fence.line} is never closed: add a closing ${fence.char.repeat(fence.length)} line.` });
  finish(current);
  errors.sort((a, b) => a.line - b.line);
  return { slug, title: title ?? titleFromSlug(slug), tags, notes, errors };
}

export function formatDeckError(file: string, error: DeckError): string {
  return `${file}:${error.line}: ${error.message}`;
}
