// Text PostgreSQL can store as sent. A text column cannot hold NUL (U+0000): the insert fails. A lone UTF-16
// surrogate has no UTF-8 form: it would be stored as U+FFFD, silently changing what the person wrote. Both are
// refused at the edge with where they are, so nothing is half-saved and nothing is altered.
import { z } from "zod";

const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// NUL or LONE_SURROGATE, written out (a literal, so lib/regex-safety.test.ts can check it).
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The first character of `text` that cannot be stored and where it is (1-based), or null when there is none. */
export function firstUnstorable(text: string): { line: number; column: number; nul: boolean } | null {
  const match = UNSTORABLE.exec(text);
  if (!match) return null;
  const before = text.slice(0, match.index);
  return { line: before.split("\n").length, column: match.index - before.lastIndexOf("\n"), nul: match[0] === "\u0000" };
}

/**
 * Text that can be stored and sent as it is, for text that must be kept whatever it holds (what learner code put in a
 * test's message or output): each character that cannot be stored becomes U+FFFD (the replacement character).
 */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE_ALL, "\uFFFD");
}

/** What makes `text` unstorable, with its line, or null when it can be stored as is. */
export function unstorableText(text: string): string | null {
  for (const [pattern, what] of [
    [NUL, "a NUL character (U+0000)"],
    [LONE_SURROGATE, "a lone UTF-16 surrogate (half of a character)"],
  ] as const) {
    const at = pattern.exec(text)?.index;
    if (at === undefined) continue;
    const line = text.slice(0, at).split("\n").length;
    return `line ${line} contains ${what}, which cannot be stored; remove it. Nothing was saved.`;
  }
  return null;
}

/** For `.superRefine`: an issue when the text cannot be stored, marked for a 422 (well-formed, but unstorable). */
export function refineStorable(text: string, ctx: z.RefinementCtx): void {
  const problem = unstorableText(text);
  if (problem) ctx.addIssue({ code: "custom", message: problem, params: { status: 422 } });
}

/** A string field that must be storable; a JSON route answers 422 (not 400) when it is not. */
export function storableString() {
  return z.string().superRefine(refineStorable);
}
