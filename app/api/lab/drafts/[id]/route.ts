import { z } from "zod";
import { getDb } from "@/lib/db";
import { jsonError, jsonRoute } from "@/lib/http/json-route";
import { saveDraft } from "@/lib/lab/drafts";
import { exerciseExists } from "@/lib/lab/exercises/catalog";
import { MAX_CODE_BYTES } from "@/lib/lab/runner/limits";
import { storableString } from "@/lib/validations/text";

const draftSchema = z.object({
  id: z.string().min(1).max(100),
  code: storableString().refine((code) => Buffer.byteLength(code, "utf8") <= MAX_CODE_BYTES, `Your code is larger than ${MAX_CODE_BYTES / 1024} KB; it was not saved.`),
});

// Autosave: the learner's code for one exercise. JSON escaping can make a 64 KB draft's body a few times larger.
export const PUT = jsonRoute(
  draftSchema,
  async ({ id, code }, user) => {
    if (!exerciseExists(id)) return jsonError(404, `There is no exercise "${id}".`, "exercise_not_found");
    const saved = await saveDraft(getDb(), user.id, id, code);
    return { savedAt: saved.updatedAt.toISOString() };
  },
  { maxBodyBytes: 8 * MAX_CODE_BYTES, tooLargeMessage: `Your code is larger than ${MAX_CODE_BYTES / 1024} KB; it was not saved.` },
);
