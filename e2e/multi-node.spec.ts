// Two web servers and two grading workers on one PostgreSQL behind a round-robin proxy; learners review and submit
// through it while one web server and the worker grading a submission are killed (SIGKILL). scripts/multi-node.ts
// runs the cluster and reports what the clients saw and what the database holds; this spec holds it to the promise:
// no review lost or applied twice, every submission graded or ended with a clear error, never stored twice, and
// clients see no failure they did not retry.
import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";

type Report = {
  killed: { app: number | null; worker: number | null; workerWasGrading: boolean };
  retried: number;
  failed: string[];
  learners: Array<{ email: string; applied: number; logged: number; submissions: Array<{ outcome: "graded" | "error"; status: string; message?: string }> }>;
  jobs: Array<{ status: string; attempts: number; error: string | null }>;
  storedSubmissions: number;
};

const LEARNERS = 6;
const SUBMISSIONS_EACH = 2;

test("two app servers and two workers behind a proxy: killing one of each loses no review and no submission", async () => {
  test.setTimeout(420_000);
  const output = execFileSync(
    process.execPath,
    ["--import", "tsx", "scripts/multi-node.ts", "--json", "--apps", "2", "--workers", "2", "--learners", String(LEARNERS), "--seconds", "30"],
    { encoding: "utf8", timeout: 400_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_ENV: "production" } },
  );
  const report = JSON.parse(output.trim().split("\n").at(-1)!) as Report;
  console.log(output.split("\n").filter((line) => line.startsWith("[multi-node]")).join("\n"));

  expect(report.killed.app, "a web server was killed").not.toBeNull();
  expect(report.killed.worker, "a worker was killed").not.toBeNull();
  expect(report.killed.workerWasGrading, "the worker killed was grading a submission").toBe(true);
  expect(report.failed, "failures a client saw without a retry fixing them").toEqual([]);

  expect(report.learners).toHaveLength(LEARNERS);
  for (const learner of report.learners) {
    expect(learner.applied, `${learner.email} reviewed`).toBeGreaterThan(0);
    // A lost review leaves fewer rows than answers applied; a resend applied twice leaves more.
    expect(learner.logged, `${learner.email}: review log rows = answers the client saw applied`).toBe(learner.applied);
    expect(learner.submissions).toHaveLength(SUBMISSIONS_EACH);
    for (const submission of learner.submissions) {
      if (submission.outcome === "graded") expect(["pass", "fail"]).toContain(submission.status);
      else expect(submission.message, "an error says what happened").toMatch(/\w{12,}/);
    }
  }

  // Every grading job ended; the one the killed worker held was taken over by the other worker.
  expect(report.jobs).toHaveLength(LEARNERS * SUBMISSIONS_EACH);
  for (const job of report.jobs) expect(["SUCCEEDED", "FAILED"]).toContain(job.status);
  expect(report.jobs.some((job) => job.status === "SUCCEEDED" && job.attempts === 2), "a job retried on the other worker").toBe(true);
  for (const job of report.jobs.filter((j) => j.status === "FAILED")) expect(job.error).toMatch(/\w{12,}/);
  // Stored once per job that succeeded: none lost, none twice.
  expect(report.storedSubmissions).toBe(report.jobs.filter((job) => job.status === "SUCCEEDED").length);
  const graded = report.learners.flatMap((l) => l.submissions).filter((s) => s.outcome === "graded").length;
  expect(graded).toBe(report.storedSubmissions);
});
