// For integration tests and the benchmark: a deck of synthetic notes, and learners with a simulated review history on
// it (simulated-learner.ts), stored as the app stores real ones.
import crypto from "node:crypto";
import { createUser } from "@/lib/auth/accounts";
import type { Db } from "@/lib/db";
import { ensureCards } from "@/lib/review/cards";
import { DEFAULT_SETTINGS, formSettings, type Settings } from "@/lib/srs/settings";
import { simulateLearner, writeSimulatedHistory, type SimulatedHistory } from "./simulated-learner";

export async function createSyntheticDeck(db: Db, notes: number, slug = `sim-${crypto.randomBytes(3).toString("hex")}`): Promise<string> {
  const deck = await db.deck.create({ data: { slug, title: `Simulated deck ${slug}`, tags: [], sourcePath: `content/${slug}.md`, contentHash: slug } });
  await db.note.createMany({
    data: Array.from({ length: notes }, (_, i) => ({
      deckId: deck.id,
      number: i + 1,
      position: i,
      question: `Simulated question ${i + 1}?`,
      answerMarkdown: `Answer ${i + 1}.`,
      answerHtml: `<p>Answer ${i + 1}.</p>`,
      sourceLine: i + 1,
    })),
  });
  return deck.id;
}

export type SimulatedLearner = { userId: string; cardIds: string[]; history: SimulatedHistory; settings: Settings };

/**
 * A learner who studies `deckId` and has answered its cards for `days` days up to `end`, their memory following
 * `memory`: a new account, or the existing one with `userId` (whose settings are replaced).
 */
export async function createSimulatedLearner(
  db: Db,
  options: { email: string; userId?: string; deckId: string; memory: readonly number[]; days: number; seed: number; end?: Date; settings?: Partial<Settings>; newPerDay?: number },
): Promise<SimulatedLearner> {
  const end = options.end ?? new Date();
  const settings: Settings = { ...DEFAULT_SETTINGS, timeZone: "Europe/Berlin", ...options.settings };
  const user = options.userId ? { id: options.userId } : await createUser(db, { email: options.email });
  await db.srsSettings.upsert({ where: { userId: user.id }, create: { userId: user.id, ...formSettings(settings) }, update: formSettings(settings) });
  await db.deckStudy.upsert({ where: { userId_deckId: { userId: user.id, deckId: options.deckId } }, create: { userId: user.id, deckId: options.deckId }, update: {} });
  // Card ids seed the scheduler's fuzz: ids made from the learner's email and the note's place keep the history, and
  // so every fit on it, the same from run to run.
  const created = new Date(end.getTime() - (options.days + 1) * 86_400_000);
  const cardIds = (
    await db.$queryRaw<Array<{ id: string }>>`
      INSERT INTO "Card" (id, "userId", "noteId", due, "createdAt", "updatedAt")
      SELECT ${options.email} || '-' || n.position, ${user.id}, n.id, ${created}, ${created}, ${created}
      FROM "Note" n WHERE n."deckId" = ${options.deckId} AND n."retiredAt" IS NULL ORDER BY n.position
      RETURNING id`
  ).map((card) => card.id);
  cardIds.sort((a, b) => Number(a.slice(a.lastIndexOf("-") + 1)) - Number(b.slice(b.lastIndexOf("-") + 1)));
  await ensureCards(db, user.id, created);
  const history = simulateLearner({ memory: options.memory, settings, cardIds, days: options.days, end, seed: options.seed, newPerDay: options.newPerDay });
  await writeSimulatedHistory(db.pool, user.id, history);
  return { userId: user.id, cardIds, history, settings };
}
