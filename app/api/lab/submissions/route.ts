import { z } from "zod";
import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { listSubmissions, submitSolution } from "@/lib/lab/submissions";

// Only the code is read: results, status or points sent by a client are dropped by the schema.
const submitSchema = z.object({ exerciseId: z.string().min(1).max(100), code: z.string() });
const listSchema = z.object({ exercise: z.string().min(1).max(100) });

export const POST = jsonRoute(submitSchema, async (input, user) => {
  const submission = await submitSolution(getDb(), user.id, input);
  return Response.json(submission, { status: 201 });
});

export const GET = jsonRoute(listSchema, async (input, user) => ({ submissions: await listSubmissions(getDb(), user.id, input.exercise) }));
