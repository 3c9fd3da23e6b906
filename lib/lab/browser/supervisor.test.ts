// The page's side of the time limits, with a scripted stand-in for the grading worker: what the learner sees when
// a test never finishes, when the module never finishes loading, and that a stuck worker is replaced.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { summarize, testResult, type PlannedTest } from "@/lib/lab/runner/results";
import type { RunRequest, WorkerEvent } from "./protocol";
import { LOAD_LIMIT_MS } from "@/lib/lab/runner/limits";
import { LabSupervisor } from "./supervisor";

class FakeWorker {
  static created: FakeWorker[] = [];
  terminated = false;
  requests: RunRequest[] = [];
  private listeners = new Map<string, Set<(event: unknown) => void>>();
  constructor() {
    FakeWorker.created.push(this);
  }
  addEventListener(type: string, listener: (event: unknown) => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }
  removeEventListener(type: string, listener: (event: unknown) => void) {
    this.listeners.get(type)?.delete(listener);
  }
  postMessage(request: RunRequest) {
    this.requests.push(request);
  }
  terminate() {
    this.terminated = true;
  }
  emit(event: WorkerEvent) {
    for (const listener of this.listeners.get("message") ?? []) listener({ data: event });
  }
  get runId() {
    return this.requests.at(-1)!.runId;
  }
}

const planned: PlannedTest[] = [
  { name: "first", maxPoints: 2, hidden: false, timeoutMs: 5000 },
  { name: "second", maxPoints: 1, hidden: false, timeoutMs: 5000 },
  { name: "third", maxPoints: 1, hidden: false, timeoutMs: 5000 },
];
const request = { exerciseId: "kl-divergence", source: "export const x = 1;", exports: ["x"] };

beforeEach(() => {
  vi.useFakeTimers();
  FakeWorker.created = [];
  vi.stubGlobal("Worker", FakeWorker);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("LabSupervisor", () => {
  it("stops a test that runs past its limit: it times out, the later ones are not run, finished ones keep their result", async () => {
    const supervisor = new LabSupervisor();
    const outcome = supervisor.run(request);
    const worker = FakeWorker.created[0]!;
    const runId = worker.runId;
    worker.emit({ type: "backend", runId, backend: "webgl", initMs: 1 });
    worker.emit({ type: "plan", runId, tests: planned });
    worker.emit({ type: "test-start", runId, index: 0, test: planned[0]! });
    worker.emit({ type: "test-end", runId, index: 0, result: testResult(planned[0]!, { status: "pass", durationMs: 3 }) });
    worker.emit({ type: "test-start", runId, index: 1, test: planned[1]! });
    await vi.advanceTimersByTimeAsync(5000);
    expect(worker.terminated).toBe(false); // the runner gets a moment to report an async timeout itself
    await vi.advanceTimersByTimeAsync(400);
    const results = await outcome;
    expect(worker.terminated).toBe(true);
    expect(results.tests.map((t) => t.status)).toEqual(["pass", "timeout", "skipped"]);
    expect(results.tests[1]!.message).toMatch(/Did not finish within 5 s.*loop that never ends or a very large tensor/);
    expect(results.tests[2]!.message).toMatch(/Not run/);
    expect(results).toMatchObject({ status: "fail", points: 2, maxPoints: 4, backend: "webgl" });
  });

  it("starts a fresh worker for the run after a timeout, and keeps a healthy one warm between runs", async () => {
    const supervisor = new LabSupervisor();
    const first = supervisor.run(request);
    const stuck = FakeWorker.created[0]!;
    stuck.emit({ type: "backend", runId: stuck.runId, backend: "webgl", initMs: 1 });
    stuck.emit({ type: "plan", runId: stuck.runId, tests: planned });
    stuck.emit({ type: "test-start", runId: stuck.runId, index: 0, test: planned[0]! });
    await vi.advanceTimersByTimeAsync(6000);
    await first;

    const second = supervisor.run(request);
    expect(FakeWorker.created).toHaveLength(2);
    const fresh = FakeWorker.created[1]!;
    const done = summarize([], { backend: "webgl", durationMs: 5 });
    fresh.emit({ type: "done", runId: fresh.runId, results: done });
    expect(await second).toBe(done);

    const third = supervisor.run(request);
    expect(FakeWorker.created).toHaveLength(2); // the same, warm worker
    fresh.emit({ type: "done", runId: fresh.runId, results: done });
    await third;
    expect(fresh.terminated).toBe(false);
  });

  it("stops a module whose top-level code never finishes loading", async () => {
    const supervisor = new LabSupervisor();
    const outcome = supervisor.run(request);
    const worker = FakeWorker.created[0]!;
    worker.emit({ type: "backend", runId: worker.runId, backend: "webgl", initMs: 1 });
    await vi.advanceTimersByTimeAsync(LOAD_LIMIT_MS + 1);
    const results = await outcome;
    expect(worker.terminated).toBe(true);
    expect(results.status).toBe("error");
    expect(results.message).toMatch(/did not finish loading.*top level/);
  });

  it("ignores events of an earlier run and passes a forced backend to the worker", async () => {
    const supervisor = new LabSupervisor("cpu");
    const outcome = supervisor.run(request);
    const worker = FakeWorker.created[0]!;
    expect(worker.requests[0]).toMatchObject({ type: "run", backend: "cpu", exerciseId: "kl-divergence" });
    worker.emit({ type: "done", runId: worker.runId - 1, results: summarize([], { backend: "cpu", durationMs: 1 }) });
    const mine = summarize([testResult(planned[0]!, { status: "pass", durationMs: 1 })], { backend: "cpu", durationMs: 1 });
    worker.emit({ type: "done", runId: worker.runId, results: mine });
    expect(await outcome).toBe(mine);
  });
});
