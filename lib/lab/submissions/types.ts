// What the submissions API answers, shared by the routes and the browser (no server imports here).
import type { Results, TestStatus } from "@/lib/lab/runner/results";

/** POST /api/lab/submissions → 201. */
export type SubmittedSolution = {
  id: string;
  createdAt: string;
  /** Graded on the server, hidden tests included (their messages redacted). */
  results: Results;
  /** How many of the learner's cards the failed submission brought back to today's review. */
  rescheduledCards: number;
};

/** One row of GET /api/lab/submissions?exercise=…: no code, the tests that did not pass by name. */
export type SubmissionSummary = {
  id: string;
  status: Results["status"];
  points: number;
  maxPoints: number;
  backend: string;
  /** The visible tests' time: hidden tests' durations are never shown (redact.ts). */
  durationMs: number;
  createdAt: string;
  failing: Array<{ name: string; status: TestStatus; hidden: boolean }>;
};

export type SubmissionPage = { submissions: SubmissionSummary[]; /** pass as `cursor` for older ones */ nextCursor: string | null };

/** GET /api/lab/submissions/:id: one of the learner's submissions, with its code (to open in the editor). */
export type SubmissionDetail = Omit<SubmissionSummary, "failing"> & { exerciseId: string; code: string; results: Results };

/** Every error answer of the API. */
export type SubmissionApiError = { error: { code: string; message: string; retryAfter?: number } };

/** POST /api/lab/submissions → 202: not graded within the server's wait; poll GET /api/jobs/:jobId for it. */
export type PendingSubmission = { jobId: string; poll: string };
