// A learner's review settings, stored per user; defaults when never saved.
import type { Db } from "@/lib/db";
import { DEFAULT_SETTINGS, parseSettings, type Settings } from "@/lib/srs/settings";

export async function getReviewSettings(db: Db, userId: string): Promise<Settings> {
  const row = await db.srsSettings.findUnique({ where: { userId } });
  if (!row) return DEFAULT_SETTINGS;
  const { userId: _user, updatedAt: _updated, ...stored } = row;
  const parsed = parseSettings(stored);
  return parsed.ok ? parsed.value : DEFAULT_SETTINGS;
}

export async function saveReviewSettings(db: Db, userId: string, input: unknown) {
  const parsed = parseSettings(input);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  await db.srsSettings.upsert({ where: { userId }, create: { userId, ...value }, update: value });
  return parsed;
}
