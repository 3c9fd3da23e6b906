import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { chooseDesiredRetention } from "@/lib/memory-model/model";
import { desiredRetentionSchema } from "@/lib/validations/memory-model";

/** The retention the learner chose from the helper's table; the rest of their settings stay as they are. */
export const POST = jsonRoute(desiredRetentionSchema, async ({ desiredRetention }, user) => chooseDesiredRetention(getDb(), user.id, desiredRetention));
