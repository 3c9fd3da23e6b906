// A parsing thread: parses decks and renders markdown that someone else wrote, away from the web server's event
// loop. It runs one task at a time; the pool (pool.ts) ends the thread when a task passes its time limit. Nesting
// is measured before a parser sees the text (../nesting.ts), so what would overflow a stack or take quadratic time
// is refused with its line instead. Bundled into one script by script.ts.
import { parentPort } from "node:worker_threads";
import { nestingProblem } from "../nesting";
import { parseDeck } from "../parse";
import { renderMarkdown } from "../render";
import type { FromThread, OffThreadResult, OffThreadTask, RenderOutcome, ToThread } from "./protocol";

const port = parentPort;
if (!port) throw new Error("worker-entry.ts runs as a worker thread (see pool.ts)");

async function run(id: number, task: OffThreadTask): Promise<OffThreadResult> {
  if (task.kind === "parse-deck") {
    // The "item" of a parse is the line it has reached, so that a time limit names it.
    const deck = parseDeck(task.source, task.fileName, (line) => port!.postMessage({ id, type: "started", item: line } satisfies FromThread));
    return { kind: "parse-deck", deck };
  }
  const outcomes: RenderOutcome[] = [];
  for (const [item, { markdown, firstLine }] of task.items.entries()) {
    port!.postMessage({ id, type: "started", item } satisfies FromThread);
    const problem = nestingProblem(markdown, { firstLine });
    if (problem) {
      outcomes.push({ ok: false, ...problem });
      continue;
    }
    outcomes.push({ ok: true, html: await renderMarkdown(markdown) });
  }
  return { kind: "render", outcomes };
}

// The pool starts its clocks once the thread is ready: loading the parsers is not the task's time.
port.postMessage({ id: 0, type: "ready" } satisfies FromThread);

port.on("message", ({ id, task }: ToThread) => {
  run(id, task).then(
    (result) => port.postMessage({ id, type: "done", result } satisfies FromThread),
    (error: unknown) => port.postMessage({ id, type: "failed", message: error instanceof Error ? error.message : String(error) } satisfies FromThread),
  );
});
