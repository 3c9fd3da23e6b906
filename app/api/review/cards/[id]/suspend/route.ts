import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { setSuspended } from "@/lib/review/answer";
import { loadQueue } from "@/lib/review/queue";
import { suspendSchema } from "@/lib/validations/review";

export const POST = jsonRoute(suspendSchema, async (input, user) => {
  const changed = await setSuspended(getDb(), user.id, input.id, input.version, input.suspended);
  return { changed, queue: await loadQueue(getDb(), user.id) };
});
