// One grading process (process-entry.ts) seen from the job worker that owns it: started with a minimal environment
// and a lower CPU priority (the web server and the database come first), given one job at a time. If it dies, stops answering or
// grows past its resident-memory limit mid-job, the job still gets results a learner can act on, built from the
// progress it reported, and the next job gets a fresh process.
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { errorResults, stoppedResults, type PlannedTest, type Results, type TestResult } from "@/lib/lab/runner/results";
import { LOAD_LIMIT_MS } from "@/lib/lab/runner/limits";
import { DEFAULT_BUDGET_MS, graderRssLimitMb, SETUP_LIMIT_MS } from "./limits";
import { GraderUnavailableError } from "./admission";
import type { FromGradingProcess, GradingRequest, ToGradingProcess } from "./process-protocol";

const START_LIMIT_MS = 30_000;
// Past the sandbox's own limits, the process is considered hung and is killed.
const JOB_LIMIT_MS = SETUP_LIMIT_MS + LOAD_LIMIT_MS + DEFAULT_BUDGET_MS + 10_000;
const NICENESS = 10;
/** How often a grading process's resident memory is read while it grades. */
const RSS_SAMPLE_MS = 100;

/** What a grading process may see of the server's environment: no database URL, no secrets. */
function gradingProcessEnv(): NodeJS.ProcessEnv {
  const keep = ["PATH", "TMPDIR", "NODE_ENV", "LATENT_GRADER_MEMORY_MB", "LATENT_GRADER_CACHE_DIR"];
  return Object.fromEntries(keep.filter((key) => process.env[key] !== undefined).map((key) => [key, process.env[key]])) as NodeJS.ProcessEnv;
}

/**
 * A process's resident memory in MB (VmRSS in /proc/<pid>/status), or null where it cannot be read (not Linux, or
 * the process is gone): the watchdog then relies on the isolate's own limit.
 */
export function residentMemoryMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

type RunningJob = {
  jobId: number;
  plan: PlannedTest[] | null;
  finished: TestResult[];
  runningIndex: number;
  runningSince: number;
  started: number;
  settle: (outcome: { results: Results } | { error: Error }) => void;
};

export class GradingProcess {
  readonly ready: Promise<void>;
  private readonly child: ChildProcess;
  private job: RunningJob | null = null;
  private nextJobId = 1;
  private exited = false;
  private killedBecause: string | null = null;

  constructor(
    script: string,
    onExit: (process: GradingProcess) => void,
    /** Past this resident memory while grading, the process is killed (LATENT_GRADER_RSS_MB). */
    readonly rssLimitMb: number = graderRssLimitMb(),
  ) {
    this.child = fork(script, [], {
      cwd: process.cwd(),
      env: gradingProcessEnv(),
      execArgv: ["--no-node-snapshot"],
      stdio: ["ignore", "ignore", "inherit", "ipc"],
      serialization: "json",
    });
    try {
      if (this.child.pid) os.setPriority(this.child.pid, NICENESS);
    } catch {
      // Not permitted here: grading then competes with the web server on equal terms.
    }
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.kill("did not start in time");
        reject(new GraderUnavailableError("a grading process did not start within 30 s"));
      }, START_LIMIT_MS);
      this.child.once("message", (message: FromGradingProcess) => {
        clearTimeout(timer);
        if (message?.type === "ready") {
          if (!this.job) this.idle();
          resolve();
        }
        else reject(new GraderUnavailableError("a grading process sent an unexpected message"));
      });
      this.child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new GraderUnavailableError(`a grading process exited while starting (${signal ?? `code ${code}`})`));
      });
      this.child.once("error", (error) => {
        clearTimeout(timer);
        reject(new GraderUnavailableError(`a grading process could not be started: ${error.message}`));
      });
    });
    this.ready.catch(() => undefined);
    this.child.on("message", (message: FromGradingProcess) => this.onMessage(message));
    this.child.on("exit", (code, signal) => {
      this.exited = true;
      this.onExit(code, signal);
      onExit(this);
    });
    this.child.on("error", () => undefined);
  }

  get alive(): boolean {
    return !this.exited && this.killedBecause === null;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  async grade(job: GradingRequest): Promise<Results> {
    if (this.job) throw new Error("A grading process grades one submission at a time.");
    this.busy(); // keeps a script alive while it waits for the process to start
    await this.ready;
    if (!this.alive) throw new GraderUnavailableError("a grading process stopped");
    this.busy();
    const jobId = this.nextJobId++;
    return new Promise<Results>((resolve, reject) => {
      const timer = setTimeout(() => this.kill("stopped answering"), JOB_LIMIT_MS);
      // Memory the isolate's limit does not see (native allocations) still shows in the process: watch it too.
      const watchdog = setInterval(() => {
        const rss = residentMemoryMb(this.pid);
        if (rss !== null && rss > this.rssLimitMb) this.kill("over memory");
      }, RSS_SAMPLE_MS);
      this.job = {
        jobId,
        plan: null,
        finished: [],
        runningIndex: -1,
        runningSince: 0,
        started: performance.now(),
        settle: (outcome) => {
          clearTimeout(timer);
          clearInterval(watchdog);
          this.job = null;
          if (this.alive) this.idle();
          if ("results" in outcome) resolve(outcome.results);
          else reject(outcome.error);
        },
      };
      this.child.send({ type: "grade", jobId, job: { ...job, exports: [...job.exports] } } satisfies ToGradingProcess);
    });
  }

  /** Over its memory limit now (an idle process is replaced rather than given a job it would fail). */
  get overMemoryLimit(): boolean {
    const rss = residentMemoryMb(this.pid);
    return rss !== null && rss > this.rssLimitMb;
  }

  kill(reason: string): void {
    if (this.exited) return;
    this.killedBecause ??= reason;
    this.child.kill("SIGKILL");
  }

  private onMessage(message: FromGradingProcess): void {
    const job = this.job;
    if (!job || message.type === "ready" || message.jobId !== job.jobId) return;
    switch (message.type) {
      case "plan":
        job.plan = message.plan;
        break;
      case "test-start":
        job.runningIndex = message.index;
        job.runningSince = performance.now();
        break;
      case "test-end":
        job.finished[message.index] = message.result;
        break;
      case "done":
        job.settle({ results: message.results });
        break;
      case "failed":
        job.settle({ error: new GraderUnavailableError(message.message) });
        break;
    }
  }

  // The process is gone: the job it was running (if any) gets results from what it reported.
  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    const job = this.job;
    if (!job) return;
    const run = { backend: "cpu", durationMs: performance.now() - job.started };
    const hung = this.killedBecause === "stopped answering";
    const overMemory = this.killedBecause === "over memory";
    const reason = hung
      ? "The grader stopped answering while running this test, so it was stopped. Look for a loop that never ends or a very large tensor."
      : overMemory
        ? `Used more than ${this.rssLimitMb} MB of memory (the grading process's limit), so it was stopped. Look for a tensor far larger than the inputs, or values kept in a growing array.`
        : `The grading process crashed while running this test (${signal ?? `exit code ${code}`}). Look for a very large tensor or array; otherwise submit again.`;
    if (!job.plan) {
      job.settle({ error: new GraderUnavailableError("a grading process stopped while preparing the tests") });
    } else if (job.runningIndex < 0) {
      const loading = hung ? "Your module did not finish loading in time." : overMemory ? reason : reason.replace("this test", "your module");
      job.settle({ results: errorResults(job.plan, { ...run, message: loading }) });
    } else {
      job.settle({
        results: stoppedResults(job.plan, job.finished, {
          ...run,
          // Killed between tests: the one that had ended keeps its verdict, the next one is blamed.
          runningIndex: job.finished[job.runningIndex] ? job.runningIndex + 1 : job.runningIndex,
          runningMs: performance.now() - job.runningSince,
          status: hung ? "timeout" : "error",
          reason,
        }),
      });
    }
  }

  // An idle process does not keep the server (or a script, or a test run) alive.
  private idle(): void {
    this.child.unref();
    this.child.channel?.unref();
  }

  private busy(): void {
    this.child.ref();
    this.child.channel?.ref();
  }
}
