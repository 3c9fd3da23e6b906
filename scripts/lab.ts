// npm run lab -- list [--json]
// npm run lab -- grade <exercise-id> <solution.ts> [--json] [--hidden]
//
// Grades a solution file (anywhere on disk) with tfjs's CPU backend, the kernels the server sandbox runs. By default
// only the visible tests run, as in the browser; --hidden adds the hidden ones, as the server grades.
// Exit codes: 0 every test passed, 1 some test did not (or the solution could not load), 2 usage error.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { listExercises, loadExercise, loadExerciseTests, UnknownExerciseError, visibleTestSources } from "@/lib/lab/exercises/load";
import { gradeSolution } from "@/lib/lab/runner/grade";
import { loadNodeTf } from "@/lib/lab/runner/node-tf";
import { formatReport } from "@/lib/lab/runner/report";
import { withTestCode } from "@/lib/lab/runner/test-source";

export const USAGE = `Usage:
  npm run lab -- list [--json]
  npm run lab -- grade <exercise-id> <solution.ts> [--json] [--hidden]

  --json     print the results as JSON (the lab's results format)
  --hidden   also run the hidden tests (the server's grade); default: visible tests only, as in the browser`;

export type Io = { stdout: (text: string) => void; stderr: (text: string) => void; cwd: string };

const argsSchema = z.discriminatedUnion("command", [
  z.strictObject({ command: z.literal("list"), json: z.boolean() }),
  z.strictObject({
    command: z.literal("grade"),
    exerciseId: z.string().min(1),
    file: z.string().min(1),
    json: z.boolean(),
    hidden: z.boolean(),
  }),
]);
export type LabArgs = z.infer<typeof argsSchema>;

export class UsageError extends Error {}

export function parseLabArgs(argv: readonly string[]): LabArgs {
  const flags = argv.filter((arg) => arg.startsWith("--"));
  const positional = argv.filter((arg) => !arg.startsWith("--"));
  const unknownFlag = flags.find((flag) => flag !== "--json" && flag !== "--hidden");
  if (unknownFlag) throw new UsageError(`Unknown option ${unknownFlag}.`);
  const [command, ...rest] = positional;
  const json = flags.includes("--json");
  if (command === "list") {
    if (rest.length > 0 || flags.includes("--hidden")) throw new UsageError("`list` takes no arguments but --json.");
    return argsSchema.parse({ command, json });
  }
  if (command === "grade") {
    if (rest.length !== 2) throw new UsageError("`grade` needs an exercise id and a solution file.");
    return argsSchema.parse({ command, exerciseId: rest[0], file: rest[1], json, hidden: flags.includes("--hidden") });
  }
  throw new UsageError(command === undefined ? "No command given." : `Unknown command "${command}".`);
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let args: LabArgs;
  try {
    args = parseLabArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`${error.message}\n\n${USAGE}\n`);
    return 2;
  }

  if (args.command === "list") {
    const exercises = listExercises();
    if (args.json) io.stdout(`${JSON.stringify(exercises, null, 2)}\n`);
    else for (const exercise of exercises) io.stdout(`${exercise.id.padEnd(22)} ${exercise.title}  (${exercise.notes.join(", ")})\n`);
    return 0;
  }

  let exercise;
  try {
    exercise = loadExercise(args.exerciseId);
  } catch (error) {
    if (!(error instanceof UnknownExerciseError)) throw error;
    io.stderr(`${error.message}\n`);
    return 2;
  }
  const file = path.resolve(io.cwd, args.file);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    io.stderr(`No such file: ${file}\n`);
    return 2;
  }

  const tf = await loadNodeTf();
  const graded = await gradeSolution({
    tf,
    source: fs.readFileSync(file, "utf8"),
    filename: path.basename(file),
    exports: exercise.exports,
    tests: await loadExerciseTests(exercise, { hidden: args.hidden }),
  });
  const results = withTestCode(graded, visibleTestSources(exercise));
  if (args.json) {
    io.stdout(`${JSON.stringify(results, null, 2)}\n`);
  } else {
    const scope = args.hidden ? "visible + hidden tests" : "visible tests (add --hidden for the hidden ones)";
    io.stdout(`${formatReport(results, `${exercise.title} (${exercise.id}) · ${path.relative(io.cwd, file) || file} · ${scope}`)}\n`);
  }
  return results.status === "pass" ? 0 : 1;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  // A learner's stray Promise must not crash the grader; its test already reported what went wrong.
  process.on("unhandledRejection", () => undefined);
  main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.env.INIT_CWD ?? process.cwd(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
