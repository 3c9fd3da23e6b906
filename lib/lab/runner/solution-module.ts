// Turns the learner's TypeScript into a module object: sucrase strips the types and rewrites imports to CommonJS
// (line numbers are kept), then the code runs as a function body with its own `require`, which hands out the
// injected tf and nothing else. No Node imports: the browser worker and the sandbox load solutions this way too.
import { transform } from "sucrase";
import type { LabConsole } from "./output";

export const ALLOWED_IMPORTS = ["@tensorflow/tfjs", "@tensorflow/tfjs-core"] as const;

export type SolutionModule = Record<string, unknown>;

export type LoadSolutionOptions = {
  /** The TensorFlow.js namespace every `import … from '@tensorflow/tfjs'` receives. */
  tf: object;
  /** Shown in messages and stack traces. Default "solution.ts". */
  filename?: string;
  /** Names the exercise needs; each missing one is reported. */
  requiredExports?: readonly string[];
  /** The `console` the learner's code sees (see output.ts). Default: the global console. */
  console?: LabConsole;
};

/** Why a solution could not be loaded; `message` is written for the learner. */
export class LabModuleError extends Error {
  constructor(
    message: string,
    readonly kind: "syntax" | "import" | "runtime" | "exports",
    readonly location?: { line: number; column?: number },
  ) {
    super(message);
    this.name = "LabModuleError";
  }
}

/** A message without sucrase's trailing " (line:column)" (string code: a `\s*…$` pattern is quadratic on long text). */
function withoutPosition(message: string): string {
  const open = message.lastIndexOf("(");
  return open >= 0 && /^\(\d+:\d+\)$/.test(message.slice(open)) ? message.slice(0, open).trimEnd() : message;
}

export function transpileSolution(source: string, filename = "solution.ts"): string {
  try {
    return transform(source, { transforms: ["typescript", "imports"], filePath: filename }).code;
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const reason = error instanceof Error ? withoutPosition(error.message.replace(/^Error transforming [^:]*:\s*/, "")) : String(error);
    if (!loc) throw new LabModuleError(`${filename}: syntax error: ${reason}`, "syntax");
    const lineText = source.split(/\r?\n/)[loc.line - 1] ?? "";
    const gutter = `${loc.line} | `;
    const caret = `${" ".repeat(gutter.length - 2)}| ${" ".repeat(Math.max(0, loc.column - 1))}^`;
    throw new LabModuleError(
      `${filename}:${loc.line}:${loc.column}: syntax error: ${reason}\n${gutter}${lineText}\n${caret}`,
      "syntax",
      { line: loc.line, column: loc.column },
    );
  }
}

export function loadSolutionModule(source: string, options: LoadSolutionOptions): SolutionModule {
  const filename = options.filename ?? "solution.ts";
  const code = transpileSolution(source, filename);
  const tfModule = { ...options.tf, default: options.tf, __esModule: true };
  const require = (name: string): unknown => {
    if ((ALLOWED_IMPORTS as readonly string[]).includes(name)) return tfModule;
    throw new LabModuleError(
      `Only '@tensorflow/tfjs' can be imported in the lab, but ${filename} imports '${name}'.`,
      "import",
    );
  };
  const commonJsModule = { exports: {} as SolutionModule };
  try {
    const evaluate = new Function("exports", "require", "module", "console", `${code}\n//# sourceURL=${filename}`);
    evaluate(commonJsModule.exports, require, commonJsModule, options.console ?? globalThis.console);
  } catch (error) {
    if (error instanceof LabModuleError) throw error;
    const line = lineInSolution(error, filename);
    const where = line === undefined ? filename : `${filename}:${line}`;
    throw new LabModuleError(`${where}: ${describeError(error)} (while loading the module)`, "runtime", line === undefined ? undefined : { line });
  }
  checkExports(commonJsModule.exports, options.requiredExports ?? [], source, filename);
  return commonJsModule.exports;
}

const DECLARATION_KEYWORDS = new Set(["function", "const", "let", "var", "class"]);

/** Whether `source` declares `name` (`function name`, `const name`, …): words, not a pattern built from the name. */
function declares(source: string, name: string): boolean {
  const words = source.split(/[^\w$]+/);
  return words.some((word, index) => word === name && DECLARATION_KEYWORDS.has(words[index - 1] ?? ""));
}

function checkExports(exports: SolutionModule, required: readonly string[], source: string, filename: string): void {
  const problems = required
    .filter((name) => exports[name] === undefined)
    .map((name) => {
      const declared = declares(source, name);
      return declared
        ? `${filename} declares \`${name}\` but does not export it: write \`export\` in front of its declaration.`
        : `${filename} must export \`${name}\` (for example \`export function ${name}(…) { … }\`).`;
    });
  if (problems.length > 0) throw new LabModuleError(problems.join("\n"), "exports");
}

/** What was thrown, in one line for the learner. Never throws: the value may be hostile (getters, toString that throw). */
export function describeError(error: unknown): string {
  try {
    if (error instanceof Error) {
      const name = error.name;
      const message = error.message;
      const text = `${typeof name === "string" ? name : "Error"}: ${typeof message === "string" ? message : ""}`;
      return text.length <= MAX_DESCRIBED ? text : `${text.slice(0, MAX_DESCRIBED)}…`;
    }
    if (typeof error === "string") return error.length <= MAX_DESCRIBED ? error : `${error.slice(0, MAX_DESCRIBED)}…`;
    if (typeof error === "number" || typeof error === "boolean" || typeof error === "bigint" || error === undefined || error === null) return String(error);
  } catch {
    // Fall through: the error could not be read.
  }
  return "Your code threw something that is not an Error (throw new Error(\"…\") says what went wrong).";
}

const MAX_DESCRIBED = 4000;

/**
 * The line of the learner's file where an error was thrown, from its stack (best effort: V8 and SpiderMonkey name
 * the file through the sourceURL comment). Sucrase keeps line numbers, so only the function header is subtracted.
 */
export function lineInSolution(error: unknown, filename = "solution.ts"): number | undefined {
  let stack: unknown;
  try {
    stack = error instanceof Error ? error.stack : undefined;
  } catch {
    return undefined;
  }
  if (typeof stack !== "string" || !stack) return undefined;
  const at = stack.indexOf(`${filename}:`);
  const digits = at < 0 ? null : /^\d+/.exec(stack.slice(at + filename.length + 1));
  if (!digits) return undefined;
  const line = Number(digits[0]) - headerLines();
  return line >= 1 ? line : undefined;
}

let cachedHeaderLines: number | undefined;

// How many lines `new Function` puts before the body differs between engines; measure it once.
function headerLines(): number {
  if (cachedHeaderLines !== undefined) return cachedHeaderLines;
  cachedHeaderLines = 2;
  try {
    new Function("exports", "require", "module", "console", "throw new Error('probe')\n//# sourceURL=__latent_probe.ts")();
  } catch (error) {
    const match = /__latent_probe\.ts:(\d+)/.exec(error instanceof Error ? (error.stack ?? "") : "");
    if (match?.[1]) cachedHeaderLines = Number(match[1]) - 1;
  }
  return cachedHeaderLines;
}
