// An exercise's prompt.md: front matter (title, order, notes, exports) and the markdown the learner reads.
// The front matter is read as the decks' is (lib/content/front-matter.ts) and checked by zod. Pure: used by the Node
// grader and by the pages that show prompts.
import { z } from "zod";
import { readFrontMatter } from "@/lib/content/front-matter";
import { NOTE_REF } from "./note-ref";

export const exerciseMetaSchema = z.strictObject({
  title: z.string().min(1, "title is required"),
  order: z.coerce.number().int("order must be an integer"),
  notes: z
    .array(z.string().regex(NOTE_REF, "a note ref looks like ml-qa#6 (deck slug # question number)"))
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
  const frontMatter = readFrontMatter(markdown);
  if (typeof frontMatter === "string") throw new PromptError(`${file}: missing front matter (a block between --- lines at the top)`);
  const problem = frontMatter.problems[0];
  if (problem) throw new PromptError(`${file}:${problem.line}: ${problem.message}`);
  const raw: Record<string, string | string[]> = {};
  for (const { key, value, line } of frontMatter.entries) {
    if (key in raw) throw new PromptError(`${file}:${line}: "${key}" is set twice`);
    raw[key] = value;
  }
  const parsed = exerciseMetaSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${file}: ${issue.path.join(".") || "front matter"}: ${issue.message}`);
    throw new PromptError(problems.join("\n"));
  }
  return { meta: parsed.data, body: frontMatter.body.trim() };
}
