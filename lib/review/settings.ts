// A learner's review settings, stored per user; defaults when never saved.
import type { Db } from "@/lib/db";
import { queryPrepared } from "@/lib/db/prepared";
import { DEFAULT_SETTINGS, parseSettings, type Settings } from "@/lib/srs/settings";

export async function getReviewSettings(db: Db, userId: string): Promise<Settings> {
  const rows = await queryPrepared<Settings>(
    db,
    "review-settings",
    `SELECT "desiredRetention", "newPerDay", "maxReviewsPerDay", "learningSteps", "relearningSteps", "maximumInterval",
      "enableFuzz", "rolloverHour", "timeZone" FROM "SrsSettings" WHERE "userId" = $1`,
    [userId],
  );
  const row = rows[0];
  if (!row) return DEFAULT_SETTINGS;
  const parsed = parseSettings({
    desiredRetention: row.desiredRetention,
    newPerDay: row.newPerDay,
    maxReviewsPerDay: row.maxReviewsPerDay,
    learningSteps: row.learningSteps,
    relearningSteps: row.relearningSteps,
    maximumInterval: row.maximumInterval,
    enableFuzz: row.enableFuzz,
    rolloverHour: row.rolloverHour,
    timeZone: row.timeZone,
  });
  return parsed.ok ? parsed.value : DEFAULT_SETTINGS;
}

export async function saveReviewSettings(db: Db, userId: string, input: unknown) {
  const parsed = parseSettings(input);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  await db.srsSettings.upsert({ where: { userId }, create: { userId, ...value }, update: value });
  return parsed;
}
