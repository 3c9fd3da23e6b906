// Reads the exercises from lab/<id>/ on disk. Node-only (fs, dynamic import): the CLI, the strength suite and the
// server use it; the browser receives an exercise's files through the app, never through this module.
//
//   lab/<id>/prompt.md     front matter (title, order, notes, exports) + the prompt
//   lab/<id>/starter.ts    what the learner starts from (fails at least one test)
//   lab/<id>/solution.ts   the reference solution
//   lab/<id>/tests.ts      visible tests: `export default defineTests(…)`, shipped to the browser
//   lab/<id>/hidden.ts     hidden tests (every one `hidden: true`), only ever run by the server and the CLI
//   lab/<id>/wrong/*.ts    realistic buggy solutions, first line `// <the bug>`; each must fail a test
//   lab/<id>/correct/*.ts  other correct solutions; each must pass every test
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { isLabTests, type LabTests } from "@/lib/lab/api/define";
import { parsePrompt, type ExerciseMeta } from "./prompt";
import { extractTestSources, type TestSources } from "@/lib/lab/runner/test-source";

// From the project root (npm scripts, tests and the server all run there); a bundler must not see a URL asset here,
// nor trace the project from these reads (the `turbopackIgnore` comments).
export const LAB_DIR = path.join(process.cwd(), "lab");

export type ExerciseSummary = ExerciseMeta & { id: string };

export type SolutionFile = { file: string; source: string; /** the first-line comment, for wrong/*.ts */ description: string };

export type Exercise = ExerciseSummary & {
  dir: string;
  prompt: string;
  starter: string;
  solution: string;
  wrong: SolutionFile[];
  correct: SolutionFile[];
};

export class UnknownExerciseError extends Error {
  constructor(
    readonly id: string,
    readonly known: string[],
  ) {
    super(`Unknown exercise "${id}". Known exercises: ${known.join(", ") || "(none)"}.`);
    this.name = "UnknownExerciseError";
  }
}

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Every exercise (a folder of lab/ with a prompt.md), by `order` then id. */
export function listExercises(labDir = LAB_DIR): ExerciseSummary[] {
  if (!fs.existsSync(/*turbopackIgnore: true*/ labDir)) return [];
  return fs
    .readdirSync(/*turbopackIgnore: true*/ labDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && ID_PATTERN.test(entry.name) && fs.existsSync(path.join(labDir, entry.name, "prompt.md")))
    .map((entry) => ({ id: entry.name, ...readMeta(path.join(/*turbopackIgnore: true*/ labDir, entry.name)) }))
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

export function loadExercise(id: string, labDir = LAB_DIR): Exercise {
  const dir = path.join(/*turbopackIgnore: true*/ labDir, id);
  if (!ID_PATTERN.test(id) || !fs.existsSync(path.join(dir, "prompt.md"))) {
    throw new UnknownExerciseError(id, listExercises(labDir).map((exercise) => exercise.id));
  }
  const { meta, body } = parsePrompt(read(dir, "prompt.md"), path.join(id, "prompt.md"));
  return {
    id,
    ...meta,
    dir,
    prompt: body,
    starter: read(dir, "starter.ts"),
    solution: read(dir, "solution.ts"),
    wrong: readSolutions(dir, "wrong"),
    correct: readSolutions(dir, "correct"),
  };
}

/** The exercise's suites: the visible one, then the hidden one when asked. */
export async function loadExerciseTests(exercise: Pick<Exercise, "id" | "dir">, options: { hidden: boolean }): Promise<LabTests<unknown>[]> {
  const files = options.hidden ? ["tests.ts", "hidden.ts"] : ["tests.ts"];
  const suites: LabTests<unknown>[] = [];
  for (const file of files) {
    const full = path.join(exercise.dir, file);
    const loaded = (await import(pathToFileURL(full).href)) as { default?: unknown };
    if (!isLabTests(loaded.default)) {
      throw new Error(`${exercise.id}/${file} must \`export default defineTests(…)\` from "@/lib/lab/api".`);
    }
    suites.push(loaded.default);
  }
  return suites;
}

/** Each visible test's source by name, for `test_code` (test-source.ts). Reads tests.ts only, never hidden.ts. */
export function visibleTestSources(exercise: Pick<Exercise, "dir">): TestSources {
  return extractTestSources(read(exercise.dir, "tests.ts"));
}

function readMeta(dir: string): ExerciseMeta {
  return parsePrompt(read(dir, "prompt.md"), path.join(path.basename(dir), "prompt.md")).meta;
}

function read(dir: string, file: string): string {
  return fs.readFileSync(path.join(dir, file), "utf8");
}

function readSolutions(dir: string, folder: "wrong" | "correct"): SolutionFile[] {
  const full = path.join(dir, folder);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full)
    .filter((name) => name.endsWith(".ts"))
    .sort()
    .map((name) => {
      const source = fs.readFileSync(path.join(full, name), "utf8");
      const firstLine = source.split(/\r?\n/, 1)[0] ?? "";
      return { file: `${folder}/${name}`, source, description: firstLine.startsWith("//") ? firstLine.slice(2).trim() : "" };
    });
}
