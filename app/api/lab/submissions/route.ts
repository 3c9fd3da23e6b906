import { z } from "zod";
import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { listSubmissions } from "@/lib/lab/submissions/history";
import { submitSolution } from "@/lib/lab/submissions/submit";
import { MAX_CODE_BYTES } from "@/lib/lab/runner/limits";
import type { PendingSubmission } from "@/lib/lab/submissions/types";
import { storableString } from "@/lib/validations/text";

// Only the exercise and the code are read: results, status or points sent by a client are dropped by the schema.
// Code PostgreSQL could not store is refused (422) before it is graded, so no graded submission can be lost.
// requestId: one press of Submit, sent again with each retry of it, so a retry never grades and stores a second copy.
const submitSchema = z.object({ exerciseId: z.string().min(1).max(100), code: storableString(), requestId: z.string().uuid({ error: "requestId must be a UUID" }).optional() });
const listSchema = z.object({
  exercise: z.string().min(1).max(100),
  cursor: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export const POST = jsonRoute(
  submitSchema,
  async (input, user) => {
    const outcome = await submitSolution(getDb(), user.id, input);
    if ("graded" in outcome) return Response.json(outcome.graded, { status: 201 });
    // Still grading after the server's wait: the page polls the job, which ends with this submission stored.
    const pending: PendingSubmission = { jobId: outcome.pending.jobId, poll: `/api/jobs/${outcome.pending.jobId}` };
    return Response.json(pending, { status: 202, headers: { Location: pending.poll } });
  },
  // JSON escaping can make a 64 KB submission's body a few times larger; the stream is read no further than that.
  { maxBodyBytes: 8 * MAX_CODE_BYTES, tooLargeMessage: `A submission can be at most ${MAX_CODE_BYTES / 1024} KB of code. It was not graded or stored.` },
);

export const GET = jsonRoute(listSchema, async (input, user) =>
  listSubmissions(getDb(), user.id, input.exercise, { cursor: input.cursor, limit: input.limit }),
);
