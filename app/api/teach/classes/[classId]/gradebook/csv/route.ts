import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { gradebookCsv, loadGradebook } from "@/lib/teach/gradebook";
import { gradebookQuerySchema } from "@/lib/validations/teach";

/** The gradebook as a CSV download, with the page's filters and sort. */
export const GET = jsonRoute(gradebookQuerySchema, async ({ classId, track, late, sort, dir }, user) => {
  const book = await loadGradebook(getDb(), user, classId, { trackId: track, lateOnly: late === "1" || late === "true" || late === "on", sort, dir });
  const day = book.now.toISOString().slice(0, 10);
  const ascii = book.access.className.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || "class";
  const name = `${ascii}-gradebook-${day}.csv`;
  // RFC 5987: encodeURIComponent leaves ' ( ) * ! as they are; ' would end the value.
  const utf8 = encodeURIComponent(`${book.access.className}-gradebook-${day}.csv`).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return new Response(gradebookCsv(book), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"; filename*=UTF-8''${utf8}`,
      "cache-control": "private, no-store",
    },
  });
});
