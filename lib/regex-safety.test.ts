// Every regular expression in lib/ and app/ is linear-time: a pattern that can backtrack without bound on some input
// (`(a+)+$`, `\s+$`, `(.*?)[ \t]*$` against a line holding U+2028) lets one request hold the event loop for seconds.
// Each regex literal, and each RegExp built from a string literal, is checked with recheck (its automaton analysis
// decides whether matching is linear, polynomial or exponential; run by its pure JavaScript build, in this process, so
// no Java or native binary is needed); a RegExp built at run time cannot be checked, so it is refused unless DYNAMIC
// below lists it with the patterns it can take.
import fs from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// Read when recheck is first called: its pure (Scala.js) checker, run synchronously in this thread.
process.env.RECHECK_SYNC_BACKEND = "pure";
const { checkSync } = await import("recheck");

const ROOTS = ["lib", "app", "proxy.ts"];
const SKIP = /(^|\/)(generated|node_modules)(\/|$)|\.test\.tsx?$|\/testing\.ts$/;

/**
 * Patterns that are not linear but only ever see short, bounded text of our own, by file and source, with why. Keep
 * this list short: rewriting the pattern as a prefix match plus string code is usually simpler.
 */
const BOUNDED: Record<string, { source: string; why: string }[]> = {
  "lib/lab/api/format.ts": [{ source: "\\.?0+e", why: "runs on Number#toExponential(4), at most 12 characters" }],
};

/** RegExps built at run time, by file: how many, and every shape of pattern they can take (checked here). */
const DYNAMIC: Record<string, { count: number; samples: RegExp[]; why: string }> = {};

// recheck gives up on a pattern it cannot decide in this time ("unknown"), which fails the test: simplify the pattern.
const CHECK = { timeout: 30_000 };

type Found = { file: string; line: number; regex: RegExp | null; text: string };

function sourceFiles(entry: string): string[] {
  if (!fs.existsSync(entry)) return [];
  if (fs.statSync(entry).isFile()) return /\.tsx?$/.test(entry) && !SKIP.test(entry) ? [entry] : [];
  return fs.readdirSync(entry).flatMap((name) => (SKIP.test(`${entry}/${name}`) ? [] : sourceFiles(`${entry}/${name}`)));
}

function literalRegex(text: string): RegExp {
  const slash = text.lastIndexOf("/");
  return new RegExp(text.slice(1, slash), text.slice(slash + 1));
}

/** Regex literals and RegExp constructions of a file; `regex` is null for a RegExp built from anything but literals. */
function regexesOf(file: string): Found[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Found[] = [];
  const at = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      found.push({ file, line: at(node), regex: literalRegex(node.getText(source)), text: node.getText(source) });
    } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText(source) === "RegExp") {
      const [pattern, flags] = node.arguments ?? [];
      const literal = (arg: ts.Expression | undefined) => arg === undefined || ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg);
      const regex = pattern && literal(pattern) && literal(flags) ? new RegExp((pattern as ts.StringLiteral).text, (flags as ts.StringLiteral | undefined)?.text) : null;
      found.push({ file, line: at(node), regex, text: node.getText(source) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Null for a linear-time pattern, else what recheck found ("exponential", "2nd degree polynomial", "unknown"). */
function unsafe(regex: RegExp): string | null {
  const result = checkSync(regex.source, regex.flags, CHECK);
  if (result.status === "safe") return null;
  return result.status === "vulnerable" ? `${result.complexity.summary}, e.g. ${JSON.stringify(result.attack.pattern)}` : `${result.status}: ${result.error?.kind ?? ""}`;
}

const all = ROOTS.flatMap(sourceFiles).flatMap(regexesOf);

describe("regular expressions in lib/ and app/", () => {
  it("finds the regexes it checks (the scan itself works)", () => {
    expect(all.filter((found) => found.file === "lib/content/parse.ts").length).toBeGreaterThan(5);
  });

  it("are all linear-time (recheck)", () => {
    const problems = all
      .filter((found): found is Found & { regex: RegExp } => found.regex !== null)
      .filter((found) => !(BOUNDED[found.file] ?? []).some((allowed) => allowed.source === found.regex.source))
      .flatMap((found) => {
        const error = unsafe(found.regex);
        return error ? [`${found.file}:${found.line}: ${found.text} is not linear-time (${error})`] : [];
      });
    expect(
      problems,
      "Rewrite each as a prefix match plus string code (no `(.*)$`, `\\s+$`, nested or overlapping quantifiers), so that on every input it can match only one way; see lib/content/parse.ts.",
    ).toEqual([]);
  });

  it("are built from literals, or listed in DYNAMIC with the patterns they can take", () => {
    const counts = new Map<string, Found[]>();
    for (const found of all.filter((f) => f.regex === null)) counts.set(found.file, [...(counts.get(found.file) ?? []), found]);
    const problems = [...counts].flatMap(([file, built]) =>
      DYNAMIC[file]?.count === built.length
        ? []
        : built.map((found) => `${file}:${found.line}: ${found.text} builds a RegExp at run time: write it as a literal, or list it in DYNAMIC in lib/regex-safety.test.ts with every shape it can take`),
    );
    expect(problems).toEqual([]);
    for (const [file, { count }] of Object.entries(DYNAMIC)) expect(counts.get(file)?.length ?? 0, `DYNAMIC lists ${count} in ${file}`).toBe(count);
  });

  it("DYNAMIC's samples and BOUNDED's reasons stand", () => {
    for (const [file, { samples }] of Object.entries(DYNAMIC)) for (const sample of samples) expect(unsafe(sample), `${file}: ${sample}`).toBeNull();
    for (const [file, allowed] of Object.entries(BOUNDED)) {
      for (const { source } of allowed) expect(all.some((found) => found.file === file && found.regex?.source === source), `${file} no longer has /${source}/: remove it from BOUNDED`).toBe(true);
    }
  });

  it("would catch a vulnerable pattern", () => {
    expect(unsafe(/^ {0,3}#{2,6}[ \t]+(?:\*\*|__)?Q[ \t]?(\d+)(?:\*\*|__)?(?:[ \t]*[.:)\-]|[ \t]+|$)[ \t]*(.*?)[ \t]*(?:#+[ \t]*)?$/i)).not.toBeNull();
    expect(unsafe(/\s+$/)).not.toBeNull();
    expect(unsafe(/(a+)+$/)).not.toBeNull();
  });
});
