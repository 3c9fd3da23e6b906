// For the progress tests: decks, a learner with settings, and review log rows written as the app writes them.
import { createUser } from "@/lib/auth/accounts";
import type { Db } from "@/lib/db";
import { createTestDatabase } from "@/lib/db/testing";
import { saveReviewSettings } from "@/lib/review/settings";
import { type SettingsInput, studyDay } from "@/lib/srs";

export async function createDeck(db: Db, slug: string, notes: number) {
  const deck = await db.deck.create({ data: { slug, title: `Deck ${slug}`, tags: [], sourcePath: `content/${slug}.md`, contentHash: slug } });
  await db.note.createMany({
    data: Array.from({ length: notes }, (_, i) => ({
      deckId: deck.id,
      number: i + 1,
      position: i + 1,
      question: `${slug} Q${i + 1}?`,
      answerMarkdown: "a",
      answerHtml: "<p>a</p>",
      sourceLine: i + 1,
    })),
  });
  return deck;
}

/** A fresh test database (lib/db/testing) holding these decks (slug: number of notes), and the decks' ids by slug. */
export async function createDatabaseWithDecks(decks: Record<string, number>) {
  const t = await createTestDatabase();
  const deckIds: Record<string, string> = {};
  for (const [slug, notes] of Object.entries(decks)) deckIds[slug] = (await createDeck(t.db, slug, notes)).id;
  return { t, deckIds };
}

/** A learner who studies every deck there is, with these settings; their cards are created at `at`. */
export async function createLearner(db: Db, email: string, settings: SettingsInput, at = new Date("2025-01-01T00:00:00Z")) {
  const user = await createUser(db, { email });
  const saved = await saveReviewSettings(db, user.id, settings);
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  await db.$executeRaw`
    INSERT INTO "Card" (id, "userId", "noteId", due, "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, ${user.id}, n.id, ${at}, ${at}, ${at} FROM "Note" n ORDER BY n."deckId", n.position`;
  const cards = await db.card.findMany({ where: { userId: user.id }, include: { note: { include: { deck: true } } }, orderBy: [{ note: { deck: { slug: "asc" } } }, { note: { position: "asc" } }] });
  return { id: user.id, cards };
}

export type CraftedLog = {
  cardId: string;
  review: Date;
  kind?: "RATING" | "RESET" | "LAB";
  rating?: number | null;
  /** The card's state before the event: 0 new, 1 learning, 2 review, 3 relearning. */
  state?: number;
  /** The interval before the event. */
  scheduledDays?: number;
  durationMs?: number;
  reason?: string;
};

export async function writeLogs(db: Db, userId: string, logs: CraftedLog[]) {
  const { timeZone, rolloverHour } = await db.srsSettings.findUniqueOrThrow({ where: { userId } });
  await db.reviewLog.createMany({
    data: logs.map((log, i) => ({
      cardId: log.cardId,
      userId,
      kind: log.kind ?? "RATING",
      rating: log.kind && log.kind !== "RATING" ? null : (log.rating ?? 3),
      state: log.state ?? 2,
      due: log.review,
      stability: 5,
      difficulty: 5,
      elapsedDays: 1,
      lastElapsedDays: 1,
      scheduledDays: log.scheduledDays ?? 3,
      learningSteps: 0,
      review: log.review,
      durationMs: log.durationMs ?? 0,
      prevDue: log.review,
      prevReps: 1,
      prevLapses: 0,
      prevLastReview: null,
      cardVersion: 1000 + i,
      reason: log.reason ?? null,
      studyDay: new Date(`${studyDay(log.review, timeZone, rolloverHour).key}T00:00:00Z`),
    })),
  });
}
