-- Study days on the review log, leeches, lab reasons on cards, and the settings for learn-ahead and leeches.

-- AlterTable
ALTER TABLE "SrsSettings" ADD COLUMN     "learnAheadMinutes" INTEGER NOT NULL DEFAULT 20,
ADD COLUMN     "leechAction" TEXT NOT NULL DEFAULT 'tag',
ADD COLUMN     "leechThreshold" INTEGER NOT NULL DEFAULT 8;

-- AlterTable
ALTER TABLE "Card" ADD COLUMN     "labReason" TEXT,
ADD COLUMN     "leech" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "ReviewLog" ADD COLUMN     "prevLeech" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "studyDay" DATE;

-- Backfill: the study day of every existing row, from its time (stored as UTC wall time) and the learner's settings:
-- the local date of the time minus the rollover hour, exactly as lib/srs/day.ts keys a study day. A learner without
-- settings has the defaults (UTC, 04:00); a zone PostgreSQL does not know is read as UTC.
WITH zones AS MATERIALIZED (SELECT name FROM pg_timezone_names),
day_settings AS (
  SELECT u.id AS "userId",
         COALESCE(z.name, 'UTC') AS zone,
         COALESCE(s."rolloverHour", 4) AS rollover
  FROM "User" u
  LEFT JOIN "SrsSettings" s ON s."userId" = u.id
  LEFT JOIN zones z ON z.name = s."timeZone"
)
UPDATE "ReviewLog" l
SET "studyDay" = (((l.review AT TIME ZONE 'UTC') AT TIME ZONE d.zone) - make_interval(hours => d.rollover))::date
FROM day_settings d
WHERE d."userId" = l."userId";

ALTER TABLE "ReviewLog" ALTER COLUMN "studyDay" SET NOT NULL;

-- Backfill: a card keeps the reason of its latest lab reschedule while no answer or reset came after it.
UPDATE "Card" c
SET "labReason" = lab.reason
FROM (
  SELECT DISTINCT ON (l."cardId") l."cardId", l.reason, l.review
  FROM "ReviewLog" l
  WHERE l.kind = 'LAB'::"ReviewKind"
  ORDER BY l."cardId", l.review DESC
) lab
WHERE lab."cardId" = c.id
  AND NOT EXISTS (
    SELECT 1 FROM "ReviewLog" m
    WHERE m."cardId" = c.id AND m.kind IN ('RATING'::"ReviewKind", 'RESET'::"ReviewKind") AND m.review >= lab.review
  );

-- Backfill: cards that already lapsed as often as the default threshold (8) are leeches (marked, not suspended).
UPDATE "Card" SET leech = true WHERE lapses >= 8;
