-- Each review log row carries its card's note (a card's note never changes), so aggregates per note read the log
-- alone: the gradebook's recall per track item (lib/teach/progress.ts).

-- AlterTable
ALTER TABLE "ReviewLog" ADD COLUMN     "noteId" TEXT;

-- Backfill: every existing row, from its card.
UPDATE "ReviewLog" r SET "noteId" = c."noteId" FROM "Card" c WHERE c.id = r."cardId";

-- Every row written from now on, whoever writes it: the note is the card's, never what the writer says.
CREATE FUNCTION "ReviewLog_note"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT c."noteId" INTO NEW."noteId" FROM "Card" c WHERE c.id = NEW."cardId";
  RETURN NEW;
END
$$;
CREATE TRIGGER "ReviewLog_note" BEFORE INSERT OR UPDATE OF "cardId", "noteId" ON "ReviewLog"
  FOR EACH ROW EXECUTE FUNCTION "ReviewLog_note"();

-- DropIndex
DROP INDEX "ReviewLog_progress_idx";

-- CreateIndex
CREATE INDEX "ReviewLog_progress_idx" ON "ReviewLog"("userId", "kind", "review", "state", "rating", "scheduledDays", "durationMs", "cardId", "noteId");
