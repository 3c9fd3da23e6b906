import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { leaveClass } from "@/lib/teach/classes";
import { classIdSchema } from "@/lib/validations/teach";

export const POST = jsonRoute(classIdSchema, async ({ classId }, user) => {
  await leaveClass(getDb(), user, classId);
  return { left: true };
});
