// The parsing threads: worker threads that run tasks (protocol.ts) one at a time each, so that text someone else wrote
// is parsed and rendered away from the web server's event loop. Each task has a time limit per item (a deck's parse,
// one note's render) and one for the whole task; a thread past either is ended (Worker.terminate stops even a loop
// that never yields) and replaced by a fresh one at the next task. A thread also has a heap limit. Tasks beyond the
// threads wait in a bounded queue; past it, the caller is told to come back later.
import { Worker } from "node:worker_threads";
import type { FromThread, OffThreadResult, OffThreadTask } from "./protocol";
import { parsingThreadScript } from "./script";

export type PoolLimits = {
  /** How many threads run tasks at once. */
  threads: number;
  /** Tasks waiting for a thread, past which `run` refuses at once. */
  queue: number;
  /** A thread's heap, in MB: past it the thread ends and the task fails. */
  heapMb: number;
};

export type TaskLimits = { itemMs: number; totalMs: number };

/**
 * Why a task did not finish: its item `item` passed a time limit (message "item" or "total"), the thread ran out of
 * memory, it crashed, or the queue is full.
 */
export class OffThreadFailure extends Error {
  constructor(
    readonly reason: "time" | "memory" | "busy" | "crashed",
    readonly item: number,
    message: string,
  ) {
    super(message);
  }
}

type Pending = {
  id: number;
  task: OffThreadTask;
  limits: TaskLimits;
  resolve: (result: OffThreadResult) => void;
  reject: (error: Error) => void;
};

class ParsingThread {
  private worker: Worker | null = null;
  /** A thread still loading its script; `closed` once the pool closed. */
  private loading: Worker | null = null;
  private closed = false;
  private current: (Pending & { item: number; itemTimer?: NodeJS.Timeout; totalTimer?: NodeJS.Timeout }) | null = null;

  constructor(
    private readonly heapMb: number,
    private readonly onIdle: (thread: ParsingThread) => void,
  ) {}

  get busy() {
    return this.current !== null;
  }

  async start(pending: Pending): Promise<void> {
    this.current = { ...pending, item: 0 };
    let worker: Worker;
    try {
      worker = this.worker ?? (await this.spawn());
    } catch (error) {
      if (this.current?.id === pending.id) this.settle(new OffThreadFailure("crashed", 0, `The parsing thread could not start: ${(error as Error).message}`));
      return;
    }
    const current = this.current;
    if (current?.id !== pending.id) return; // the pool closed while the thread loaded
    current.totalTimer = setTimeout(() => this.fail("time", current.item, "total"), current.limits.totalMs);
    this.armItem();
    worker.postMessage({ id: current.id, task: current.task });
  }

  /** A new thread, once it has loaded the parsers (a thread that fails to load rejects). */
  private async spawn(): Promise<Worker> {
    const worker = new Worker(await parsingThreadScript(), {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: 32 },
      stdout: false,
      stderr: false,
    });
    // An idle thread does not keep a script or a test run alive.
    worker.unref();
    this.loading = worker;
    try {
      await new Promise<void>((resolve, reject) => {
        worker.once("message", (message: FromThread) => (message.type === "ready" ? resolve() : reject(new Error(`unexpected ${message.type}`))));
        worker.once("error", reject);
        worker.once("exit", () => reject(new Error("the parsing thread stopped while loading")));
      });
    } finally {
      this.loading = null;
    }
    if (this.closed) {
      void worker.terminate();
      throw new Error("the parsing pool was closed");
    }
    // Events of a thread already ended (a time limit) must not touch the task the next thread runs.
    worker.on("message", (message: FromThread) => {
      if (this.worker === worker) this.receive(message);
    });
    worker.on("error", (error: Error & { code?: string }) => {
      if (this.worker === worker) this.fail(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "memory" : "crashed", this.current?.item ?? 0, error.message);
    });
    worker.on("exit", () => {
      if (this.worker === worker) this.fail("crashed", this.current?.item ?? 0, "the parsing thread stopped");
    });
    this.worker = worker;
    return worker;
  }

  private armItem() {
    const current = this.current;
    if (!current) return;
    clearTimeout(current.itemTimer);
    current.itemTimer = setTimeout(() => this.fail("time", current.item, "item"), current.limits.itemMs);
  }

  private receive(message: FromThread) {
    const current = this.current;
    if (!current || message.id !== current.id) return;
    if (message.type === "ready") return;
    if (message.type === "started") {
      current.item = message.item;
      this.armItem();
    } else if (message.type === "done") {
      this.settle(message.result);
    } else {
      this.settle(new OffThreadFailure("crashed", current.item, message.message));
    }
  }

  private fail(reason: OffThreadFailure["reason"], item: number, detail: string) {
    if (!this.current) return;
    const worker = this.worker;
    this.worker = null;
    // Ends a thread stuck in a loop too; the next task starts a fresh one.
    void worker?.terminate();
    this.settle(new OffThreadFailure(reason, item, detail));
  }

  private settle(outcome: OffThreadResult | Error) {
    const current = this.current;
    if (!current) return;
    clearTimeout(current.itemTimer);
    clearTimeout(current.totalTimer);
    this.current = null;
    if (outcome instanceof Error) current.reject(outcome);
    else current.resolve(outcome);
    this.onIdle(this);
  }

  /** Ends the thread; its task, if any, fails. */
  close() {
    this.closed = true;
    if (this.current) this.fail("crashed", this.current.item, "the parsing pool was closed");
    void this.worker?.terminate();
    void this.loading?.terminate();
    this.worker = null;
  }
}

export type ParsingPool = {
  run(task: OffThreadTask, limits: TaskLimits): Promise<OffThreadResult>;
  close(): void;
};

export function createParsingPool(limits: PoolLimits): ParsingPool {
  const threads: ParsingThread[] = [];
  const waiting: Pending[] = [];
  let nextId = 1;

  const onIdle = (thread: ParsingThread) => {
    const next = waiting.shift();
    if (next) void thread.start(next);
  };

  return {
    run(task, taskLimits) {
      return new Promise<OffThreadResult>((resolve, reject) => {
        const pending: Pending = { id: nextId++, task, limits: taskLimits, resolve, reject };
        let idle = threads.find((thread) => !thread.busy);
        if (!idle && threads.length < limits.threads) {
          idle = new ParsingThread(limits.heapMb, onIdle);
          threads.push(idle);
        }
        if (idle) return void idle.start(pending);
        if (waiting.length >= limits.queue) return reject(new OffThreadFailure("busy", 0, "every parsing thread is busy and the queue is full"));
        waiting.push(pending);
      });
    },
    close() {
      for (const pending of waiting.splice(0)) pending.reject(new OffThreadFailure("crashed", 0, "the parsing pool was closed"));
      for (const thread of threads.splice(0)) thread.close();
    },
  };
}
