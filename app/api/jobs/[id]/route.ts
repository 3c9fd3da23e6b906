import { z } from "zod";
import { getDb } from "@/lib/db";
import { jsonError, jsonRoute } from "@/lib/http/json-route";
import { readJob } from "@/lib/jobs/status";

// A job as the person who asked sees it (status, progress, outcome); anyone else's, like one that does not exist, is 404.
export const GET = jsonRoute(z.object({ id: z.string().min(1).max(64) }), async ({ id }, user) => {
  const job = await readJob(getDb(), user.id, id);
  return job ?? jsonError(404, "This job does not exist or is not yours.", "job_not_found");
});
