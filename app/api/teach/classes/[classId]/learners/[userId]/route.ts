import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { learnerReport } from "@/lib/teach/learners";
import { learnerSchema } from "@/lib/validations/teach";

/** One learner of the class, for its instructors: progress per item, memory and lab history. */
export const GET = jsonRoute(learnerSchema, async ({ classId, userId }, user) => {
  const { access, ...report } = await learnerReport(getDb(), user, classId, userId);
  return Response.json({ class: { id: access.classId, name: access.className, timeZone: access.timeZone }, ...report }, { headers: { "cache-control": "private, no-store" } });
});
