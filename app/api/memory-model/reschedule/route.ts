import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { startReschedule } from "@/lib/memory-model/model";
import { emptySchema } from "@/lib/validations/review";

/** Starts the job (202), or returns the one of this kind already under way for this learner. */
export const POST = jsonRoute(emptySchema, async (_input, user) => Response.json({ job: await startReschedule(getDb(), user.id) }, { status: 202 }));
