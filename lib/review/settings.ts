// A learner's review settings, stored per user; defaults when never saved.
import type { Db } from "@/lib/db";
import { queryPrepared } from "@/lib/db/prepared";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_SETTINGS, formSettings, parseSettings, parseStoredSettings, type Settings, type SettingsErrors } from "@/lib/srs/settings";

type StoredRow = Omit<Settings, "leechAction"> & { leechAction: string };

/**
 * The settings the scheduler uses, and what was wrong with the stored row if anything: a field that no longer passes
 * validation (saved before a bound existed, a time zone this runtime does not know) takes its default for scheduling
 * and is reported in `problems`, with the stored value in `stored`, so the learner can see it and fix it.
 */
export type ReviewSettings = {
  settings: Settings;
  problems: SettingsErrors | null;
  stored: Record<string, unknown> | null;
};

const COLUMNS = [
  "desiredRetention", "newPerDay", "maxReviewsPerDay", "learningSteps", "relearningSteps", "maximumInterval",
  "enableFuzz", "rolloverHour", "timeZone", "learnAheadMinutes", "leechThreshold", "leechAction", "fsrsParameters",
] as const satisfies ReadonlyArray<keyof StoredRow>;

export async function readReviewSettings(db: Db, userId: string): Promise<ReviewSettings> {
  const rows = await queryPrepared<StoredRow>(
    db,
    "review-settings",
    `SELECT ${COLUMNS.map((column) => `"${column}"`).join(", ")} FROM "SrsSettings" WHERE "userId" = $1`,
    [userId],
  );
  return fromStoredRow(rows[0]);
}

/**
 * The settings' columns for a query that reads them beside another table's row in one statement (the answer reads
 * them with the card): `"SrsSettings"` joined as `alias`, each column prefixed with `settings.` so no name collides.
 */
export function settingsColumns(alias: string): string {
  return [`${alias}."userId" AS "settings.userId"`, ...COLUMNS.map((column) => `${alias}."${column}" AS "settings.${column}"`)].join(", ");
}

/** The settings from a row read with `settingsColumns` (the learner's defaults when they never saved any). */
export function settingsFromColumns(row: Record<string, unknown>): ReviewSettings {
  if (row["settings.userId"] === null || row["settings.userId"] === undefined) return fromStoredRow(undefined);
  return fromStoredRow(Object.fromEntries(COLUMNS.map((column) => [column, row[`settings.${column}`]])) as StoredRow);
}

/** Reads the settings inside a transaction (through Prisma: a transaction has no prepared statements). */
export async function readReviewSettingsIn(tx: Prisma.TransactionClient, userId: string): Promise<ReviewSettings> {
  const row = await tx.srsSettings.findUnique({
    where: { userId },
    select: {
      desiredRetention: true, newPerDay: true, maxReviewsPerDay: true, learningSteps: true, relearningSteps: true, maximumInterval: true,
      enableFuzz: true, rolloverHour: true, timeZone: true, learnAheadMinutes: true, leechThreshold: true, leechAction: true,
      fsrsParameters: true,
    },
  });
  return fromStoredRow(row ?? undefined);
}

function fromStoredRow(row: StoredRow | undefined): ReviewSettings {
  if (!row) return { settings: DEFAULT_SETTINGS, problems: null, stored: null };
  const stored = { ...row } as Record<string, unknown>;
  const { value, problems } = parseStoredSettings(stored);
  return { settings: value, problems, stored };
}

/** The settings to schedule with (see `readReviewSettings` for a stored row that fails validation). */
export async function getReviewSettings(db: Db, userId: string): Promise<Settings> {
  return (await readReviewSettings(db, userId)).settings;
}

/**
 * Saves the settings form. The FSRS parameters are not the form's: whatever it sends for them is ignored, and the
 * learner's fitted parameters stay as they are (only the optimizer and its revert change them, lib/memory-model).
 */
export async function saveReviewSettings(db: Db, userId: string, input: unknown) {
  const fields = input !== null && typeof input === "object" ? { ...(input as Record<string, unknown>) } : input;
  if (fields !== null && typeof fields === "object") delete (fields as Record<string, unknown>).fsrsParameters;
  const parsed = parseSettings(fields);
  if (!parsed.ok) return parsed;
  const value = formSettings(parsed.value);
  await db.srsSettings.upsert({ where: { userId }, create: { userId, ...value }, update: value });
  return parsed;
}
