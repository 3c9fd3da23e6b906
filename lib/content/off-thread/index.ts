// Parsing and rendering text someone else wrote (a class deck, a learner's note, an imported field), off the web
// server's event loop and within limits. The one way to parse or render untrusted markdown:
//
//   parseDeckOffThread(source, fileName)      → ParsedDeck (limit problems are among its errors, with their line)
//   renderAnswersOffThread([{markdown, line}]) → the HTML of each, or the errors by line (nothing half-rendered)
//   renderMarkdownOffThread(markdown)          → sanitized HTML, or a Refusal (422 naming the line, 503 when busy)
//
// Each runs in a parsing thread (pool.ts): text nested deeper than MAX_NESTING is refused before a parser sees it
// (../nesting.ts), a parse or a render past its time limit ends its thread and is refused naming the line it was
// on, and a thread has a heap limit. The HTML is what lib/content/render.ts makes: GitHub-flavoured markdown, KaTeX,
// sanitized. Trusted files (content/ at start, lab prompts) may still call parseDeck and renderMarkdown directly.
import { Refusal } from "@/lib/refusal";
import { MAX_NESTING } from "../nesting";
import type { DeckError, ParsedDeck } from "../parse";
import { createParsingPool, OffThreadFailure, type ParsingPool } from "./pool";

export const OFF_THREAD_LIMITS = {
  /** The largest deck file, in UTF-8 bytes (class decks: the upload route's 413 says the same). */
  deckBytes: 512 * 1024,
  /** The largest markdown rendered at once (a note's answer, a field), in UTF-8 bytes. */
  markdownBytes: 512 * 1024,
  /** How deep containers, brackets, braces and emphasis may nest. */
  nesting: MAX_NESTING,
  /** A deck's parse (linear: milliseconds for the largest deck). */
  parseMs: 5_000,
  /** One markdown's render (a note with code and math renders in milliseconds). */
  renderItemMs: 3_000,
  /** All the answers of one deck together. */
  renderTotalMs: 30_000,
  /** A parsing thread's heap. */
  heapMb: 256,
  /** Parsing threads at once (one: the web server keeps the other core), and tasks that may wait for one. */
  threads: 1,
  queue: 32,
} as const;

let pool: ParsingPool | undefined;
const sharedPool = () => (pool ??= createParsingPool({ threads: OFF_THREAD_LIMITS.threads, queue: OFF_THREAD_LIMITS.queue, heapMb: OFF_THREAD_LIMITS.heapMb }));

const seconds = (ms: number) => `${ms / 1000} s`;

function busy(): Refusal {
  return new Refusal(503, "Latent is busy parsing other uploads; try again in a few seconds.", "parser_busy", { retryAfterSeconds: 5 });
}

function tooLarge(what: string, limit: number): Refusal {
  return new Refusal(413, `${what} can be at most ${Math.round(limit / 1024)} KB; nothing was changed.`, "too_large");
}

/** What went wrong for an item, as an author can act on it. */
function failureMessage(failure: OffThreadFailure, what: string, limitMs: number): string {
  if (failure.reason === "time" && failure.message === "total") return `${what} was being rendered when the deck passed its ${seconds(limitMs)} limit for all answers together; split the deck.`;
  if (failure.reason === "time") return `${what} took longer than ${seconds(limitMs)} to process; simplify it (shorter lines, less nesting) or split it.`;
  if (failure.reason === "memory") return `${what} needed more memory than ${OFF_THREAD_LIMITS.heapMb} MB to process; simplify it or split it.`;
  return `${what} could not be processed (${failure.message}).`;
}

const utf8Bytes = (text: string) => Buffer.byteLength(text, "utf8");

/** Parses a deck in a parsing thread. Past the size limit: a 413 Refusal; past the time limit: an error on its line. */
export async function parseDeckOffThread(source: string, fileName: string): Promise<ParsedDeck> {
  if (utf8Bytes(source) > OFF_THREAD_LIMITS.deckBytes) throw tooLarge("A deck file", OFF_THREAD_LIMITS.deckBytes);
  try {
    const result = await sharedPool().run({ kind: "parse-deck", source, fileName }, { itemMs: OFF_THREAD_LIMITS.parseMs, totalMs: OFF_THREAD_LIMITS.parseMs });
    if (result.kind !== "parse-deck") throw new Error("a parsing thread answered another task");
    return result.deck;
  } catch (error) {
    if (!(error instanceof OffThreadFailure)) throw error;
    if (error.reason === "busy") throw busy();
    const line = Math.max(1, error.item);
    const slug = fileName.replace(/\\/g, "/").split("/").pop()!.replace(/\.md$/i, "");
    return { slug, title: slug, tags: [], notes: [], errors: [{ line, message: failureMessage(error, `The deck (at about line ${line})`, OFF_THREAD_LIMITS.parseMs) }] };
  }
}

export type RenderItem = { markdown: string; /** the line of the markdown's first line in its file */ line: number };

/**
 * Renders each markdown (a deck's answers) in a parsing thread: all of them, or the errors by line when any is nested
 * too deep or passes a limit (then none is kept, so nothing is half-imported).
 */
export async function renderAnswersOffThread(items: RenderItem[]): Promise<{ ok: true; html: string[] } | { ok: false; errors: DeckError[] }> {
  if (items.length === 0) return { ok: true, html: [] };
  try {
    const result = await sharedPool().run(
      { kind: "render", items: items.map(({ markdown, line }) => ({ markdown, firstLine: line })) },
      { itemMs: OFF_THREAD_LIMITS.renderItemMs, totalMs: OFF_THREAD_LIMITS.renderTotalMs },
    );
    if (result.kind !== "render") throw new Error("a parsing thread answered another task");
    const errors = result.outcomes.flatMap((outcome) => (outcome.ok ? [] : [{ line: outcome.line, message: outcome.message }]));
    return errors.length > 0 ? { ok: false, errors } : { ok: true, html: result.outcomes.map((outcome) => (outcome.ok ? outcome.html : "")) };
  } catch (error) {
    if (!(error instanceof OffThreadFailure)) throw error;
    if (error.reason === "busy") throw busy();
    const item = items[Math.min(error.item, items.length - 1)]!;
    const limit = error.message === "total" ? OFF_THREAD_LIMITS.renderTotalMs : OFF_THREAD_LIMITS.renderItemMs;
    return { ok: false, errors: [{ line: item.line, message: failureMessage(error, `The markdown starting on line ${item.line}`, limit) }] };
  }
}

/**
 * Renders one markdown (a note, a field, a preview) to sanitized HTML in a parsing thread. Refuses with 413 past
 * `maxBytes`, 422 naming the line when it nests too deep or passes its time or memory limit, 503 when busy.
 */
export async function renderMarkdownOffThread(markdown: string, options: { maxBytes?: number; firstLine?: number } = {}): Promise<string> {
  const maxBytes = options.maxBytes ?? OFF_THREAD_LIMITS.markdownBytes;
  if (utf8Bytes(markdown) > maxBytes) throw tooLarge("The text", maxBytes);
  const rendered = await renderAnswersOffThread([{ markdown, line: options.firstLine ?? 1 }]);
  if (rendered.ok) return rendered.html[0]!;
  const error = rendered.errors[0]!;
  throw new Refusal(422, `line ${error.line}: ${error.message}`, "markdown_refused");
}

/** Ends the parsing threads (tests, scripts that want to exit at once; idle threads never keep a process alive). */
export function closeParsingThreads(): void {
  pool?.close();
  pool = undefined;
}
