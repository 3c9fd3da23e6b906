import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { loadMemoryModel } from "@/lib/memory-model/model";
import { emptySchema } from "@/lib/validations/review";

/** The learner's memory model and its jobs' progress: what the settings page polls while a job runs. */
export const GET = jsonRoute(emptySchema, async (_input, user) => loadMemoryModel(getDb(), user.id));
