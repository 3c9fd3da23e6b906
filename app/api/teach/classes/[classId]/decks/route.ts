import { getDb } from "@/lib/db";
import { jsonError, jsonRoute } from "@/lib/http/json-route";
import { uploadClassDeck } from "@/lib/teach/class-decks";
import { uploadDeckSchema } from "@/lib/validations/teach";

/** Uploads a Q&A markdown deck to the class: 422 with every error by line (nothing imported), or what changed. */
export const POST = jsonRoute(uploadDeckSchema, async ({ classId, fileName, source }, user) => {
  const { ok, report, deckId } = await uploadClassDeck(getDb(), user, classId, { fileName, source });
  if (!ok) {
    const count = report.deckErrors.length;
    return jsonError(422, `${fileName} was not imported: ${count} ${count === 1 ? "error" : "errors"}. Fix ${count === 1 ? "it" : "them"} and upload the file again.`, "deck_invalid", { errors: report.deckErrors });
  }
  const { status, added, updated, retired, restored } = report;
  return { deckId, status, added, updated, retired, restored };
});
