import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { removeMember } from "@/lib/teach/classes";
import { memberSchema } from "@/lib/validations/teach";

/** Removes a learner (any instructor of the class) or a co-instructor (its owner). */
export const DELETE = jsonRoute(memberSchema, async ({ classId, userId }, user) => {
  await removeMember(getDb(), user, classId, userId);
  return { removed: true };
});
