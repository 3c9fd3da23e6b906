// Messages between the web server (pool.ts) and a parsing thread (worker-entry.ts). Plain data: structured clone.
import type { ParsedDeck } from "../parse";

export type OffThreadTask =
  | { kind: "parse-deck"; source: string; fileName: string }
  /** Renders each markdown in turn, reporting which one it starts (so a time limit can name it). */
  | { kind: "render"; items: Array<{ markdown: string; firstLine: number }> };

export type RenderOutcome = { ok: true; html: string } | { ok: false; line: number; message: string };

export type OffThreadResult = { kind: "parse-deck"; deck: ParsedDeck } | { kind: "render"; outcomes: RenderOutcome[] };

export type ToThread = { id: number; task: OffThreadTask };

export type FromThread =
  | { id: 0; type: "ready" }
  | { id: number; type: "started"; item: number }
  | { id: number; type: "done"; result: OffThreadResult }
  | { id: number; type: "failed"; message: string };
