import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { loadGradebook } from "@/lib/teach/gradebook";
import { gradebookQuerySchema } from "@/lib/validations/teach";

/** The gradebook's data as JSON (the page's numbers): ?track=<id>&late=1&sort=<itemId>.<metric>&dir=desc. */
export const GET = jsonRoute(gradebookQuerySchema, async ({ classId, track, late, sort, dir }, user) => {
  const book = await loadGradebook(getDb(), user, classId, { trackId: track, lateOnly: late === "1" || late === "true" || late === "on", sort, dir });
  const { access, ...rest } = book;
  return Response.json({ class: { id: access.classId, name: access.className, timeZone: access.timeZone }, ...rest }, { headers: { "cache-control": "private, no-store" } });
});
