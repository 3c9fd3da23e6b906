import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { rotateJoinCode } from "@/lib/teach/classes";
import { classIdSchema } from "@/lib/validations/teach";

/** Rotates the join code: the old code and invite link stop working. */
export const POST = jsonRoute(classIdSchema, async ({ classId }, user) => rotateJoinCode(getDb(), user, classId));
