// One card as its learner sees it in card info: where it stands, how likely they are to recall it now, and every
// event of its history (answers, resets, lab reschedules, reschedules with new FSRS parameters), oldest first.
import type { Db } from "@/lib/db";
import { forgettingCurve, retrievability } from "@/lib/srs";
import type { Settings } from "@/lib/srs/settings";
import { CardState } from "@/lib/srs/types";
import { memoryFromRow } from "./memory";

export type CardHistoryEntry = {
  id: string;
  kind: "RATING" | "RESET" | "LAB" | "RESCHEDULE";
  rating: number | null;
  review: Date;
  studyDay: string;
  /** The card's state before the event. */
  state: number;
  elapsedDays: number;
  durationMs: number;
  /** FSRS's probability of recall when it was answered (reviews of a card with a memory only). */
  recallAtReview: number | null;
  /** Stability and difficulty after the event. */
  stability: number;
  difficulty: number;
  reason: string | null;
};

export type CardInfo = {
  id: string;
  version: number;
  deck: { slug: string; title: string };
  noteNumber: number;
  question: string;
  /** A cloze note's card: its cloze number (c2 → 2); null for a basic note's one card. */
  cloze: number | null;
  state: number;
  due: Date;
  stability: number;
  difficulty: number;
  reps: number;
  lapses: number;
  lastReview: Date | null;
  suspended: boolean;
  leech: boolean;
  labReason: string | null;
  /** The probability of recalling it now (FSRS's forgetting curve); null for a new card. */
  retrievability: number | null;
  history: CardHistoryEntry[];
};

/** The learner's own card with its history, or null for a card that does not exist or is someone else's. */
export async function loadCardInfo(db: Db, userId: string, cardId: string, settings: Settings, now = new Date()): Promise<CardInfo | null> {
  const card = await db.card.findFirst({
    where: { id: cardId, userId },
    include: {
      note: { select: { number: true, question: true, kind: true, deck: { select: { slug: true, title: true } } } },
      logs: { orderBy: [{ review: "asc" }, { id: "asc" }] },
    },
  });
  if (!card) return null;
  const history = card.logs.map((log, i): CardHistoryEntry => {
    // Each row holds the card as it was before its event, so the next row (or the card) holds it after.
    const after = card.logs[i + 1] ?? card;
    const hadMemory = log.state !== CardState.New && log.stability > 0;
    return {
      id: log.id,
      kind: log.kind,
      rating: log.rating,
      review: log.review,
      studyDay: log.studyDay.toISOString().slice(0, 10),
      state: log.state,
      elapsedDays: log.elapsedDays,
      durationMs: log.durationMs,
      recallAtReview: log.kind === "RATING" && hadMemory ? forgettingCurve(log.elapsedDays, log.stability, settings) : null,
      stability: after.stability,
      difficulty: after.difficulty,
      reason: log.reason,
    };
  });
  return {
    id: card.id,
    version: card.version,
    deck: card.note.deck,
    noteNumber: card.note.number,
    question: card.note.question,
    cloze: card.note.kind === "CLOZE" ? card.ordinal : null,
    state: card.state,
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    reps: card.reps,
    lapses: card.lapses,
    lastReview: card.lastReview,
    suspended: card.suspended,
    leech: card.leech,
    labReason: card.labReason,
    retrievability: retrievability(memoryFromRow(card), now, settings),
    history,
  };
}

/** The learner's cards of a note that it makes now (one, or one per cloze number), for linking to their card info. */
export async function findCardIds(db: Db, userId: string, noteId: string): Promise<Array<{ id: string; ordinal: number }>> {
  const note = await db.note.findUnique({ where: { id: noteId }, select: { ordinals: true } });
  if (!note) return [];
  return db.card.findMany({ where: { userId, noteId, ordinal: { in: note.ordinals } }, orderBy: { ordinal: "asc" }, select: { id: true, ordinal: true } });
}
