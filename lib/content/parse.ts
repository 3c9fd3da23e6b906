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

export type ParsedNote = { number: number; question: string; answerMarkdown: string; line: number };
export type DeckError = { line: number; message: string };
export type ParsedDeck = { slug: string; title: string; tags: string[]; notes: ParsedNote[]; errors: DeckError[] };

const QUESTION = /^ {0,3}#{2,6}[ \t]+(?:\*\*|__)?Q[ \t]?(\d+)(?:\*\*|__)?(?:[ \t]*[.:)\-]|[ \t]+|$)[ \t]*(.*?)[ \t]*(?:#+[ \t]*)?$/i;
const ANSWER = /^ {0,3}(?:\*\*|__)?A[ \t]?(\d+)[ \t]*[.:)](?:\*\*|__)?[ \t]*(.*)$/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const H1 = /^ {0,3}#[ \t]+(.+?)[ \t]*#*[ \t]*$/;
const SEPARATOR = /^ {0,3}(?:-[ \t]*){3,}$|^ {0,3}(?:\*[ \t]*){3,}$|^ {0,3}(?:_[ \t]*){3,}$/;
const TOC = /^[ \t]*\[toc\][ \t]*$/i;

type Draft = {
  number: number;
  question: string;
  line: number;
  answerLine: number | null;
  body: string[];
  /** A duplicate: its answer is read (so it causes no second error) but not kept. */
  ignored?: boolean;
};

export function deckSlug(fileName: string): string {
  const base = fileName.replace(/\\/g, "/").split("/").pop() ?? fileName;
  return base.replace(/\.md$/i, "");
}

function titleFromSlug(slug: string): string {
  const words = slug.split(/[-_\s]+/).filter(Boolean);
  return words.map((w) => (w.length <= 3 ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1))).join(" ") || slug;
}

// HackMD/CodiMD add `=` (line numbers) to the language: ```python= or ```python=12.
function normalizeInfo(info: string): string {
  return info.replace(/^(\s*[^\s=`]+)=\S*/, "$1");
}

// `tags: a, b` is a comma list here, as well as `tags: [a, b]` and a YAML list; other keys are not the deck's.
function tagsOf(entries: FrontMatterEntry[]): string[] {
  const tags = entries.filter((entry) => entry.key.toLowerCase() === "tags").flatMap((entry) => (Array.isArray(entry.value) ? entry.value : entry.value.split(",")));
  return [...new Set(tags.map((t) => t.trim().replace(/^["']|["']$/g, "")).filter(Boolean))];
}

function trimAnswer(body: string[]): string {
  const lines = [...body];
  while (lines.length && (lines[lines.length - 1]!.trim() === "" || SEPARATOR.test(lines[lines.length - 1]!))) lines.pop();
  while (lines.length && lines[0]!.trim() === "") lines.shift();
  return lines.join("\n");
}

export function parseDeck(source: string, fileName: string): ParsedDeck {
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
    const answerMarkdown = trimAnswer(draft.body);
    if (!answerMarkdown) {
      errors.push({ line: draft.answerLine, message: `The answer A${draft.number} is empty.` });
      return;
    }
    notes.push({ number: draft.number, question: draft.question, answerMarkdown, line: draft.line });
  };

  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNumber = i + 1;

    if (fence) {
      const close = new RegExp(`^ {0,3}${fence.char === "`" ? "`" : "~"}{${fence.length},}[ \\t]*$`);
      if (close.test(line)) fence = null;
      if (current?.answerLine != null) current.body.push(line);
      continue;
    }

    const opened = FENCE_OPEN.exec(line);
    if (opened && !(opened[1]![0] === "`" && opened[2]!.includes("`"))) {
      fence = { char: opened[1]![0]!, length: opened[1]!.length, line: lineNumber };
      if (current?.answerLine != null) current.body.push(line.replace(opened[2]!, normalizeInfo(opened[2]!)));
      continue;
    }

    const question = QUESTION.exec(line);
    if (question) {
      finish(current);
      const number = Number(question[1]);
      const first = firstLineOf.get(number);
      if (first !== undefined) {
        errors.push({ line: lineNumber, message: `Q${number} is a duplicate: Q${number} is already on line ${first}. Question numbers must be unique in a deck.` });
        current = { number, question: "", line: lineNumber, answerLine: null, body: [], ignored: true };
        continue;
      }
      firstLineOf.set(number, lineNumber);
      current = { number, question: question[2]!.trim(), line: lineNumber, answerLine: null, body: [] };
      if (!current.question) errors.push({ line: lineNumber, message: `Q${number} has no question text after its number.` });
      continue;
    }

    if (!current || current.answerLine === null) {
      const answer = ANSWER.exec(line);
      if (answer) {
        const number = Number(answer[1]);
        if (!current) {
          errors.push({ line: lineNumber, message: `The answer marker A${number} has no question Q${number} before it.` });
        } else if (number !== current.number) {
          errors.push({ line: lineNumber, message: `The answer marker A${number} follows Q${current.number}: it should be A${current.number}.` });
          current = null;
        } else {
          current.answerLine = lineNumber;
          if (answer[2]!.trim()) current.body.push(answer[2]!);
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
      const h1 = H1.exec(line);
      if (h1) title = h1[1]!;
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
