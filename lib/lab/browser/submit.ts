// The browser's side of Submit: posts the code and, while the grader is busy (503) or the learner's previous
// submission is still grading (429), waits as the server's Retry-After says and tries again, telling the page
// each time so the wait is visible. A grade the server did not finish within its wait (202) is polled at
// GET /api/jobs/:id until it is stored. A request lost on the way (the connection broke, or a load balancer answered
// 502 or 504 because the server behind it went away) is sent again with the same requestId, which the server grades
// once however many times it arrives. Each request goes through the JSON API's helper. No server imports: safe in a
// client component.
import { apiRequest } from "@/lib/http/api-client";
import type { JobView } from "@/lib/jobs/status";
import { gradingFailedMessage } from "@/lib/lab/grading-failed";
import type { PendingSubmission, SubmittedSolution } from "@/lib/lab/submissions/types";

export type SubmitCodeOutcome = { ok: true; submission: SubmittedSolution } | { ok: false; status: number; message: string };

export type SubmitCodeOptions = {
  /** Called before each wait with the seconds it will last and the attempt about to be retried (1, 2, …). */
  onRetry?: (seconds: number, attempt: number) => void;
  /** Attempts in all, the first included. Default 6. */
  maxAttempts?: number;
  /** Called once when the server answered 202: the grade comes later, by polling. */
  onPending?: () => void;
  /** How often a pending grade is polled (1 s) and for how long at most (5 minutes). */
  pollMs?: number;
  pollLimitMs?: number;
  signal?: AbortSignal;
  /** For tests. */
  fetch?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

const RETRYABLE = new Set([429, 503]);
// Answers from a load balancer whose server did not answer: the request may or may not have arrived.
const LOST = new Set([502, 504]);
const UNREACHABLE = "The server could not be reached. Your code is still in the editor; submit again when you are back online.";
const MAX_WAIT_SECONDS = 30;
const CANCELLED: SubmitCodeOutcome = { ok: false, status: 0, message: "Submission cancelled." };

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

export function retryAfterSeconds(header: string | null): number {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 1 ? Math.min(Math.ceil(seconds), MAX_WAIT_SECONDS) : 2;
}

/** A UUID v4 for one press of Submit. `crypto.randomUUID` exists only in secure contexts (HTTPS, localhost); an
 * instance served over plain HTTP on a LAN address still has `getRandomValues`. */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export async function submitCode(exerciseId: string, code: string, options: SubmitCodeOptions = {}): Promise<SubmitCodeOutcome> {
  const sleep = options.sleep ?? sleepFor;
  const attempts = options.maxAttempts ?? 6;
  /** Waits before the next attempt, telling the page; false when the learner cancelled. */
  const pause = async (seconds: number, attempt: number) => {
    options.onRetry?.(seconds, attempt);
    try {
      await sleep(seconds * 1000, options.signal);
      return true;
    } catch {
      return false;
    }
  };
  let last: { status: number; message: string } = { status: 0, message: "" };
  const requestId = newRequestId();
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const answer = await apiRequest<SubmittedSolution & Partial<PendingSubmission>>("/api/lab/submissions", {
      method: "POST",
      body: { exerciseId, code, requestId },
      signal: options.signal,
      fetch: options.fetch,
    });
    if (answer.status === 0) {
      if (options.signal?.aborted) return CANCELLED;
      last = { status: 0, message: UNREACHABLE };
      if (attempt === attempts) break;
      if (!(await pause(1, attempt))) return CANCELLED;
      continue;
    }
    if (LOST.has(answer.status) && attempt < attempts) {
      if (!(await pause(1, attempt))) return CANCELLED;
      continue;
    }
    if (answer.ok) {
      if (answer.status === 201 && answer.data?.results) return { ok: true, submission: answer.data };
      if (answer.status === 202 && answer.data?.poll) {
        options.onPending?.();
        return pollGrade(answer.data.poll, options);
      }
      last = { status: answer.status, message: `The server answered ${answer.status}. Try again.` };
      break;
    }
    last = { status: answer.status, message: answer.message };
    // A graded result the server could not store is said as it is: submitting again is the learner's call.
    if (answer.error?.code === "not_stored") return { ok: false, ...last };
    if (!RETRYABLE.has(answer.status) || attempt === attempts) break;
    if (!(await pause(retryAfterSeconds(answer.retryAfter), attempt))) return CANCELLED;
  }
  if (RETRYABLE.has(last.status)) return { ok: false, status: last.status, message: "The grader is still busy. Your code was not graded; submit again in a minute." };
  return { ok: false, ...last };
}

/** Polls a pending grade's job until it ends: the stored submission, or why nothing was stored. */
async function pollGrade(url: string, options: SubmitCodeOptions): Promise<SubmitCodeOutcome> {
  const sleep = options.sleep ?? sleepFor;
  const deadline = Date.now() + (options.pollLimitMs ?? 5 * 60_000);
  let unreachable = 0;
  for (;;) {
    try {
      await sleep(options.pollMs ?? 1000, options.signal);
    } catch {
      return { ok: false, status: 0, message: "Stopped waiting for the grade. It is still being graded: it will appear in your submissions." };
    }
    const answer = await apiRequest<JobView>(url, { signal: options.signal, fetch: options.fetch });
    if (answer.status === 0) {
      if (options.signal?.aborted) return { ok: false, status: 0, message: "Stopped waiting for the grade. It is still being graded: it will appear in your submissions." };
      // A blip while waiting: the grade is stored on the server regardless; keep asking for a while.
      if (++unreachable >= 5) return { ok: false, status: 0, message: UNREACHABLE };
      continue;
    }
    if (!answer.ok && answer.status < 500) return { ok: false, status: answer.status, message: `The server answered ${answer.status} while we waited for your grade. Reload the page to see your submissions.` };
    const job = answer.ok ? answer.data : null;
    if (job?.status === "succeeded") return { ok: true, submission: job.result as SubmittedSolution };
    if (job?.status === "failed") return { ok: false, status: 503, message: gradingFailedMessage(job.error) };
    if (Date.now() > deadline) {
      return { ok: false, status: 0, message: "Your submission is taking unusually long to grade. It will appear in your submissions once it is graded." };
    }
  }
}
