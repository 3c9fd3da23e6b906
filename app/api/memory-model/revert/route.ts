import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { revertOptimization } from "@/lib/memory-model/model";
import { revertSchema } from "@/lib/validations/memory-model";

export const POST = jsonRoute(revertSchema, async ({ eventId }, user) => revertOptimization(getDb(), user.id, eventId));
