// The progress page's data: everything /progress shows, for one learner, optionally one deck. A handful of SQL
// aggregates run in parallel (the learner's settings and decks first: the others need their time zone and deck);
// only their results (a row per study day at most) come back to JavaScript.
import type { Db } from "@/lib/db";
import { queryPrepared } from "@/lib/db/prepared";
import { labExercises } from "@/lib/lab/exercises/catalog";
import { getReviewSettings } from "@/lib/review/settings";
import { studyDay, toFsrsParams, type Settings } from "@/lib/srs";
import { answers, loadActivity, type Activity } from "./activity";
import { loadLab, type LabProgress } from "./lab";
import { loadMemory, memoryModel, type Memory } from "./memory";
import { computeStreaks, type Streaks } from "./streaks";

export type DeckChoice = { id: string; slug: string; title: string };

export type Progress = {
  /** The learner's study day now (YYYY-MM-DD), in their time zone and rollover hour. */
  today: string;
  settings: Pick<Settings, "timeZone" | "rolloverHour" | "desiredRetention">;
  decks: DeckChoice[];
  /** The deck the figures are filtered to, null for all. */
  deck: DeckChoice | null;
  activity: Activity;
  streaks: Streaks;
  memory: Memory;
  lab: LabProgress;
};

export class UnknownDeckError extends Error {
  constructor(readonly slug: string) {
    super(`You do not study a deck named “${slug}”.`);
    this.name = "UnknownDeckError";
  }
}

async function studiedDecks(db: Db, userId: string): Promise<DeckChoice[]> {
  return queryPrepared<DeckChoice>(
    db,
    "progress-decks",
    `SELECT d.id, d.slug, d.title FROM "DeckStudy" s JOIN "Deck" d ON d.id = s."deckId" AND d."retiredAt" IS NULL
     WHERE s."userId" = $1 ORDER BY d.title, d.slug`,
    [userId],
  );
}

/** `deckSlug`: one of the decks the learner studies, or none for all; another slug throws UnknownDeckError. */
export async function loadProgress(db: Db, userId: string, options: { deckSlug?: string | null; now?: Date } = {}): Promise<Progress> {
  const now = options.now ?? new Date();
  const [settings, decks] = await Promise.all([getReviewSettings(db, userId), studiedDecks(db, userId)]);
  let deck: DeckChoice | null = null;
  if (options.deckSlug) {
    deck = decks.find((d) => d.slug === options.deckSlug) ?? null;
    if (!deck) throw new UnknownDeckError(options.deckSlug);
  }
  const today = studyDay(now, settings.timeZone, settings.rolloverHour).key;
  const where = { userId, timeZone: settings.timeZone, rolloverHour: settings.rolloverHour, today, now, deckId: deck?.id ?? null };
  const exercises = labExercises()
    .filter((exercise) => deck === null || exercise.notes.some((note) => note.deck === deck.slug))
    .map(({ id, title }) => ({ id, title }));
  const [activity, memory, lab] = await Promise.all([
    loadActivity(db, where),
    loadMemory(db, { ...where, model: memoryModel(toFsrsParams(settings).w) }),
    loadLab(db, { userId, exercises, deckId: deck?.id ?? null }),
  ]);
  return {
    today,
    settings: { timeZone: settings.timeZone, rolloverHour: settings.rolloverHour, desiredRetention: settings.desiredRetention },
    decks,
    deck,
    activity,
    streaks: computeStreaks(
      activity.days.map((d) => d.day),
      today,
    ),
    memory,
    lab,
  };
}

export type ProgressSummary = { today: string; reviewsToday: number; streak: Streaks["current"]; month: Activity["periods"]["month"] };

/** What the home page shows of the progress page: today's reviews, the current streak, the last 30 days. */
export async function loadProgressSummary(db: Db, userId: string, settings: Settings, now = new Date()): Promise<ProgressSummary> {
  const today = studyDay(now, settings.timeZone, settings.rolloverHour).key;
  const activity = await loadActivity(db, { userId, timeZone: settings.timeZone, rolloverHour: settings.rolloverHour, today, now, deckId: null });
  return {
    today,
    reviewsToday: answers(activity.periods.today),
    streak: computeStreaks(
      activity.days.map((d) => d.day),
      today,
    ).current,
    month: activity.periods.month,
  };
}
