// An exercise's prompt.md: front matter (title, order, notes, exports) and the markdown the learner reads.
// The front matter is a small YAML subset (scalars, [inline, lists] and "- item" lists), parsed here so the lab
// needs no YAML dependency; zod checks it. Pure: used by the Node grader and by the pages that show prompts.
import { z } from "zod";

export const exerciseMetaSchema = z.strictObject({
  title: z.string().min(1, "title is required"),
  order: z.coerce.number().int("order must be an integer"),
  notes: z
    .array(z.string().regex(/^[a-z0-9-]+#\d+$/, "a note ref looks like ml-qa#6 (deck slug # question number)"))
    .min(1, "list at least one Q&A note the exercise practises"),
  exports: z
    .array(z.string().regex(/^[A-Za-z_$][\w$]*$/, "an export is a JavaScript identifier"))
    .min(1, "list the names the solution must export"),
});

export type ExerciseMeta = z.infer<typeof exerciseMetaSchema>;
export type ParsedPrompt = { meta: ExerciseMeta; body: string };

export class PromptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PromptError";
  }
}

export function parsePrompt(markdown: string, file = "prompt.md"): ParsedPrompt {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(markdown);
  if (!match) throw new PromptError(`${file}: missing front matter (a block between --- lines at the top)`);
  const raw = parseFrontMatter(match[1] ?? "", file);
  const parsed = exerciseMetaSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${file}: ${issue.path.join(".") || "front matter"}: ${issue.message}`);
    throw new PromptError(problems.join("\n"));
  }
  return { meta: parsed.data, body: (match[2] ?? "").trim() };
}

function parseFrontMatter(text: string, file: string): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  let listKey: string | undefined;
  text.split(/\r?\n/).forEach((line, index) => {
    const lineNumber = index + 2; // after the opening ---
    if (!line.trim() || line.trim().startsWith("#")) return;
    const item = /^\s+-\s+(.*)$/.exec(line);
    if (item && listKey !== undefined) {
      const list = result[listKey];
      if (Array.isArray(list)) list.push(unquote(item[1] ?? ""));
      return;
    }
    const pair = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(line);
    if (!pair?.[1]) throw new PromptError(`${file}:${lineNumber}: expected "key: value", got ${JSON.stringify(line)}`);
    const key = pair[1];
    const value = (pair[2] ?? "").trim();
    if (key in result) throw new PromptError(`${file}:${lineNumber}: "${key}" is set twice`);
    listKey = undefined;
    if (value === "") {
      result[key] = [];
      listKey = key;
    } else if (value.startsWith("[") && value.endsWith("]")) {
      const inner = value.slice(1, -1).trim();
      result[key] = inner === "" ? [] : inner.split(",").map((part) => unquote(part.trim()));
    } else {
      result[key] = unquote(value);
    }
  });
  return result;
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted ? (quoted[2] ?? "") : value;
}
