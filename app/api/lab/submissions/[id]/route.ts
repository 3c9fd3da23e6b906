import { z } from "zod";
import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { getSubmission } from "@/lib/lab/submissions/history";

export const GET = jsonRoute(z.object({ id: z.string().min(1).max(64) }), async ({ id }, user) => getSubmission(getDb(), user.id, id));
