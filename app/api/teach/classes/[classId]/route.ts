import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { deleteClass, updateClass } from "@/lib/teach/classes";
import { classIdSchema, updateClassSchema } from "@/lib/validations/teach";

export const PATCH = jsonRoute(updateClassSchema, async ({ classId, ...fields }, user) => ({ class: await updateClass(getDb(), user, classId, fields) }));

export const DELETE = jsonRoute(classIdSchema, async ({ classId }, user) => {
  await deleteClass(getDb(), user, classId);
  return { deleted: true };
});
