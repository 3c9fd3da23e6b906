// A learner's submissions: their own only (someone else's is a 404, like one that does not exist), newest first.
import type { Db } from "@/lib/db";
import type { Results } from "@/lib/lab/runner/results";
import { SubmissionError } from "./errors";
import { redactHidden } from "./redact";
import type { SubmissionDetail, SubmissionPage, SubmissionSummary } from "./types";

export const DEFAULT_PAGE_SIZE = 20;

type Row = { id: string; status: string; points: number; maxPoints: number; backend: string; createdAt: Date; results: unknown };

// Rows are stored redacted; reading them through redactHidden again keeps rows stored before it showed less the same.
const shown = (results: unknown) => redactHidden(results as Results);

/** What the history and a single submission both say of a stored submission. */
function overview(row: Row, results: Results): Omit<SubmissionSummary, "failing"> {
  return {
    id: row.id,
    status: row.status as Results["status"],
    points: row.points,
    maxPoints: row.maxPoints,
    backend: row.backend,
    durationMs: Math.round(results.durationMs),
    createdAt: row.createdAt.toISOString(),
  };
}

function summarize(row: Row): SubmissionSummary {
  const results = shown(row.results);
  return {
    ...overview(row, results),
    failing: (results.tests ?? []).filter((test) => test.status !== "pass").map((test) => ({ name: test.name, status: test.status, hidden: test.hidden })),
  };
}

/** One page of the learner's history for an exercise; `cursor` is a previous page's `nextCursor`. */
export async function listSubmissions(
  db: Db,
  userId: string,
  exerciseId: string,
  page: { cursor?: string; limit?: number } = {},
): Promise<SubmissionPage> {
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  let before: { createdAt: Date; id: string } | null = null;
  if (page.cursor) {
    before = await db.submission.findFirst({ where: { id: page.cursor, userId, exerciseId }, select: { createdAt: true, id: true } });
    if (!before) throw new SubmissionError(400, "cursor: not one of your submissions for this exercise.", "invalid_cursor");
  }
  const rows = await db.submission.findMany({
    where: {
      userId,
      exerciseId,
      ...(before ? { OR: [{ createdAt: { lt: before.createdAt } }, { createdAt: before.createdAt, id: { lt: before.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: { id: true, status: true, points: true, maxPoints: true, backend: true, createdAt: true, results: true },
  });
  const submissions = rows.slice(0, limit).map(summarize);
  return { submissions, nextCursor: rows.length > limit ? submissions[submissions.length - 1]!.id : null };
}

export async function getSubmission(db: Db, userId: string, id: string): Promise<SubmissionDetail> {
  const row = await db.submission.findFirst({ where: { id, userId } });
  if (!row) throw new SubmissionError(404, "This submission does not exist or is not yours.", "submission_not_found");
  const results = shown(row.results);
  return { ...overview(row, results), exerciseId: row.exerciseId, code: row.code, results };
}
