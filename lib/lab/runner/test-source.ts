// Each test's own source, as Exercism's results format (v2 and v3) gives it in `test_code`: the body of the function
// passed to `test("name", () => { … })`, read from the test file's text (not Function.prototype.toString, which in
// the browser would be bundled, minified code). Pure: a small scanner that knows strings, template literals,
// comments and regular expressions, enough for the test files in lab/ (lib/lab/runner/test-source.test.ts checks every one).
//
// Only ever given tests.ts: hidden.ts is never read for this, and withTestCode never gives a hidden test its code.
import type { Results } from "./results";

export type TestSources = Readonly<Record<string, string>>;

/** A visible test's source (results' test_code) and the same highlighted, for the page to show under a failure. */
export type TestCodeView = { source: string; html: string };

/** The source of each `test(…)` call's function body in `source`, by test name. */
export function extractTestSources(source: string): TestSources {
  const sources: Record<string, string> = {};
  const scanner = new Scanner(source);
  while (scanner.findCall("test")) {
    const open = scanner.index; // at "("
    scanner.index += 1;
    scanner.skipSpace();
    const name = scanner.readStringLiteral();
    if (name === null) continue;
    // The arrow after the name: a name may hold "=>" itself ("sort with (a, b) => a − b").
    const afterName = scanner.index - open;
    const close = scanner.matchingClose(open);
    if (close < 0) break;
    const call = source.slice(open, close);
    const arrow = call.indexOf("=>", afterName);
    const bodyOpen = arrow < 0 ? -1 : call.indexOf("{", arrow);
    if (bodyOpen >= 0 && /^\s*$/.test(call.slice(arrow + 2, bodyOpen))) {
      const bodyClose = new Scanner(source).matchingClose(open + bodyOpen);
      if (bodyClose > 0) sources[name] = dedent(source.slice(open + bodyOpen + 1, bodyClose - 1));
    }
    scanner.index = close;
  }
  return sources;
}

/** Gives each visible test its source (a hidden test never, whatever `sources` holds); results otherwise unchanged. */
export function withTestCode(results: Results, sources: TestSources): Results {
  return {
    ...results,
    tests: results.tests.map((test) => {
      const code = Object.hasOwn(sources, test.name) ? sources[test.name] : undefined;
      if (test.hidden || code === undefined || test.test_code !== undefined) return test;
      return { ...test, test_code: code };
    }),
  };
}

function dedent(text: string): string {
  const lines = text.replace(/^\s*\n/, "").trimEnd().split("\n");
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => /^ */.exec(line)![0].length));
  return lines.map((line) => line.slice(Number.isFinite(indent) ? indent : 0)).join("\n");
}

const CLOSERS: Record<string, string> = { "(": ")", "{": "}", "[": "]" };

class Scanner {
  index = 0;
  constructor(private readonly text: string) {}

  /** Moves to the "(" of the next call of `name` outside strings and comments; false when there is none. */
  findCall(name: string): boolean {
    while (this.index < this.text.length) {
      if (this.skipNonCode()) continue;
      const rest = this.text.slice(this.index, this.index + name.length);
      const before = this.text[this.index - 1] ?? "";
      if (rest === name && !/[\w$.]/.test(before)) {
        let after = this.index + name.length;
        while (/\s/.test(this.text[after] ?? "")) after += 1;
        if (this.text[after] === "(") {
          this.index = after;
          return true;
        }
      }
      this.index += 1;
    }
    return false;
  }

  skipSpace() {
    while (this.index < this.text.length && (/\s/.test(this.text[this.index]!) || this.skipComment())) {
      if (/\s/.test(this.text[this.index] ?? "")) this.index += 1;
    }
  }

  /** A "…", '…' or `…` literal without substitutions, its value; null (and nothing consumed) otherwise. */
  readStringLiteral(): string | null {
    const quote = this.text[this.index];
    if (quote !== '"' && quote !== "'" && quote !== "`") return null;
    const start = this.index;
    this.skipString();
    const raw = this.text.slice(start, this.index);
    if (quote === "`") return raw.includes("${") ? null : raw.slice(1, -1);
    try {
      return JSON.parse(quote === '"' ? raw : `"${raw.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string;
    } catch {
      return null;
    }
  }

  /** The index just past the bracket that closes the one at `open`, or -1. */
  matchingClose(open: number): number {
    const stack: string[] = [];
    this.index = open;
    while (this.index < this.text.length) {
      if (this.skipNonCode()) continue;
      const char = this.text[this.index]!;
      if (char in CLOSERS) stack.push(CLOSERS[char]!);
      else if (char === ")" || char === "}" || char === "]") {
        if (stack.pop() !== char) return -1;
        if (stack.length === 0) return this.index + 1;
      }
      this.index += 1;
    }
    return -1;
  }

  /** Skips one string, template, comment or regular expression at the cursor; false if there is none there. */
  private skipNonCode(): boolean {
    const char = this.text[this.index];
    if (char === '"' || char === "'" || char === "`") {
      this.skipString();
      return true;
    }
    if (this.skipComment()) return true;
    if (char === "/" && this.regexAllowed()) {
      this.skipRegex();
      return true;
    }
    return false;
  }

  private skipComment(): boolean {
    if (this.text.startsWith("//", this.index)) {
      const end = this.text.indexOf("\n", this.index);
      this.index = end < 0 ? this.text.length : end;
      return true;
    }
    if (this.text.startsWith("/*", this.index)) {
      const end = this.text.indexOf("*/", this.index + 2);
      this.index = end < 0 ? this.text.length : end + 2;
      return true;
    }
    return false;
  }

  private skipString() {
    const quote = this.text[this.index];
    this.index += 1;
    while (this.index < this.text.length) {
      const char = this.text[this.index]!;
      if (char === "\\") this.index += 2;
      else if (char === quote) {
        this.index += 1;
        return;
      } else if (quote === "`" && this.text.startsWith("${", this.index)) {
        this.index = this.matchingCloseFrom(this.index + 1);
      } else this.index += 1;
    }
  }

  private matchingCloseFrom(open: number): number {
    const inner = new Scanner(this.text);
    const close = inner.matchingClose(open);
    return close < 0 ? this.text.length : close;
  }

  private regexAllowed(): boolean {
    let before = this.index - 1;
    while (before >= 0 && /\s/.test(this.text[before]!)) before -= 1;
    if (before < 0) return true;
    const char = this.text[before]!;
    if (/[(,=:[!&|?{};+\-*%<>~^]/.test(char)) return true;
    return /\b(return|typeof|case|do|else|in|of|void|yield|await)$/.test(this.text.slice(Math.max(0, before - 6), before + 1));
  }

  private skipRegex() {
    let inClass = false;
    this.index += 1;
    while (this.index < this.text.length) {
      const char = this.text[this.index]!;
      if (char === "\\") this.index += 2;
      else if (char === "\n") return;
      else {
        this.index += 1;
        if (char === "[") inClass = true;
        else if (char === "]") inClass = false;
        else if (char === "/" && !inClass) break;
      }
    }
    while (/[a-z]/.test(this.text[this.index] ?? "")) this.index += 1;
  }
}
