// Tracks: an instructor's ordered assignment list for a class. Review items (a deck, or chosen notes of it, to a
// goal) and lab items (an exercise passed on the server), each with an optional due date in the class's time zone.
// Every change is written to the audit log with who made it, in the same transaction.
import type { CurrentUser } from "@/lib/auth/session";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { listExercises } from "@/lib/lab/exercises/load";
import { studyAssignedDecks } from "./assign";
import { recordAudit } from "./audit";
import { requireClassRole, requireTrackItemRole, requireTrackRole } from "./authorize";
import { parseLocalDue } from "./due";
import { scheduleKeepDue } from "./jobs";
import { TeachError } from "./errors";

type Tx = Prisma.TransactionClient;

export type TrackFields = { title: string; description: string };
export type ReviewGoalName = "studied" | "mastered";
export type NewTrackItem =
  | { kind: "review"; deckId: string; noteNumbers: number[]; goal: ReviewGoalName; due: string | null }
  | { kind: "lab"; exerciseId: string; passPercent: number; due: string | null };
export type TrackItemChanges = { due?: string | null; goal?: ReviewGoalName; passPercent?: number; noteNumbers?: number[] };

const GOAL = { studied: "STUDIED", mastered: "MASTERED" } as const;

function dueInstant(due: string | null | undefined, timeZone: string): Date | null {
  if (!due) return null;
  const instant = parseLocalDue(due, timeZone);
  if (!instant) throw new TeachError(400, `due: "${due}" is not a date and time (YYYY-MM-DDTHH:MM, in the class's time zone ${timeZone}).`, "invalid_due");
  return instant;
}

export async function createTrack(db: Db, user: CurrentUser, classId: string, fields: TrackFields) {
  await requireClassRole(db, user, classId, "instructor");
  return db.$transaction(async (tx) => {
    const last = await tx.track.aggregate({ where: { classId }, _max: { position: true } });
    const track = await tx.track.create({ data: { classId, ...fields, position: (last._max.position ?? -1) + 1 }, select: { id: true, title: true } });
    await recordAudit(tx, { classId, trackId: track.id, actorId: user.id, action: "track.create", detail: { ...fields } });
    return track;
  });
}

export async function updateTrack(db: Db, user: CurrentUser, trackId: string, fields: Partial<TrackFields>) {
  const access = await requireTrackRole(db, user, trackId, "instructor");
  return db.$transaction(async (tx) => {
    const before = await tx.track.findUniqueOrThrow({ where: { id: trackId }, select: { title: true, description: true } });
    const track = await tx.track.update({ where: { id: trackId }, data: fields, select: { id: true, title: true, description: true } });
    await recordAudit(tx, { classId: access.classId, trackId, actorId: user.id, action: "track.update", detail: { before, after: fields } });
    return track;
  });
}

/** Deleting a track hides it and its items; learners keep their cards, history and submissions (nothing here owns them). */
export async function deleteTrack(db: Db, user: CurrentUser, trackId: string) {
  const access = await requireTrackRole(db, user, trackId, "instructor");
  await db.$transaction(async (tx) => {
    const track = await tx.track.update({ where: { id: trackId }, data: { deletedAt: new Date() }, select: { title: true } });
    await recordAudit(tx, { classId: access.classId, trackId, actorId: user.id, action: "track.delete", detail: { title: track.title } });
  });
}

/** A deck the class may assign: a live shared deck or a live deck of this class. */
async function assignableDeck(db: Db | Tx, classId: string, deckId: string) {
  const deck = await db.deck.findFirst({
    where: { id: deckId, retiredAt: null, ownerId: null, OR: [{ classId: null }, { classId }] },
    select: { id: true, slug: true, notes: { where: { retiredAt: null }, select: { number: true } } },
  });
  if (!deck) throw new TeachError(400, "deckId: there is no such deck for this class (a shared deck, or one uploaded to this class).", "invalid_deck");
  return deck;
}

function checkNotes(deck: { slug: string; notes: Array<{ number: number }> }, numbers: number[]): number[] {
  const live = new Set(deck.notes.map((note) => note.number));
  const missing = numbers.filter((n) => !live.has(n));
  if (missing.length > 0) throw new TeachError(400, `noteNumbers: ${deck.slug} has no ${missing.map((n) => `Q${n}`).join(", ")}.`, "invalid_notes");
  return [...new Set(numbers)].sort((a, b) => a - b);
}

export async function addTrackItem(db: Db, user: CurrentUser, trackId: string, input: NewTrackItem) {
  const access = await requireTrackRole(db, user, trackId, "instructor");
  const dueAt = dueInstant(input.due, access.timeZone);
  let data: Omit<Prisma.TrackItemUncheckedCreateInput, "trackId" | "position">;
  let detail: Record<string, unknown>;
  if (input.kind === "review") {
    const deck = await assignableDeck(db, access.classId, input.deckId);
    const noteNumbers = checkNotes(deck, input.noteNumbers);
    data = { kind: "REVIEW", deckId: deck.id, noteNumbers, goal: GOAL[input.goal], dueAt };
    detail = { kind: "review", deck: deck.slug, noteNumbers, goal: input.goal, dueAt: dueAt?.toISOString() ?? null };
  } else {
    if (!listExercises().some((exercise) => exercise.id === input.exerciseId)) throw new TeachError(400, `exerciseId: there is no exercise "${input.exerciseId}".`, "invalid_exercise");
    data = { kind: "LAB", exerciseId: input.exerciseId, passPercent: input.passPercent, dueAt };
    detail = { kind: "lab", exercise: input.exerciseId, passPercent: input.passPercent, dueAt: dueAt?.toISOString() ?? null };
  }
  return db.$transaction(async (tx) => {
    const last = await tx.trackItem.aggregate({ where: { trackId }, _max: { position: true } });
    const item = await tx.trackItem.create({ data: { ...data, trackId, position: (last._max.position ?? -1) + 1 }, select: { id: true } });
    if (data.deckId) await studyAssignedDecks(tx, access.classId, { deckId: data.deckId });
    if (data.kind === "REVIEW") await scheduleKeepDue(tx, item.id, dueAt, user.id);
    await recordAudit(tx, { classId: access.classId, trackId, actorId: user.id, action: "item.add", detail: { itemId: item.id, ...detail } });
    return item;
  });
}

export async function updateTrackItem(db: Db, user: CurrentUser, itemId: string, changes: TrackItemChanges) {
  const access = await requireTrackItemRole(db, user, itemId, "instructor");
  const item = await db.trackItem.findUniqueOrThrow({ where: { id: itemId } });
  const data: Prisma.TrackItemUpdateInput = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  let movedDue: Date | null = null; // a new due instant, to schedule its job (none when cleared)
  if (changes.due !== undefined) {
    const dueAt = dueInstant(changes.due, access.timeZone);
    if ((dueAt?.getTime() ?? null) !== (item.dueAt?.getTime() ?? null)) {
      data.dueAt = dueAt;
      movedDue = dueAt;
      before.dueAt = item.dueAt?.toISOString() ?? null;
      after.dueAt = dueAt?.toISOString() ?? null;
    }
  }
  if (item.kind === "REVIEW") {
    if (changes.passPercent !== undefined) throw new TeachError(400, "passPercent: a review item has a goal, not a pass mark.", "invalid_change");
    if (changes.goal !== undefined && GOAL[changes.goal] !== item.goal) {
      data.goal = GOAL[changes.goal];
      before.goal = item.goal?.toLowerCase();
      after.goal = changes.goal;
    }
    if (changes.noteNumbers !== undefined) {
      const noteNumbers = checkNotes(await assignableDeck(db, access.classId, item.deckId!), changes.noteNumbers);
      if (noteNumbers.join() !== item.noteNumbers.join()) {
        data.noteNumbers = noteNumbers;
        before.noteNumbers = item.noteNumbers;
        after.noteNumbers = noteNumbers;
      }
    }
  } else {
    if (changes.goal !== undefined || changes.noteNumbers !== undefined) throw new TeachError(400, "goal: a lab item has a pass mark, not a goal or notes.", "invalid_change");
    if (changes.passPercent !== undefined && changes.passPercent !== item.passPercent) {
      data.passPercent = changes.passPercent;
      before.passPercent = item.passPercent;
      after.passPercent = changes.passPercent;
    }
  }
  if (Object.keys(data).length === 0) return { id: itemId, changed: false };
  await db.$transaction(async (tx) => {
    await tx.trackItem.update({ where: { id: itemId }, data });
    if (item.kind === "REVIEW") await scheduleKeepDue(tx, itemId, movedDue, user.id);
    await recordAudit(tx, { classId: access.classId, trackId: access.trackId, actorId: user.id, action: "item.update", detail: { itemId, before, after } });
  });
  return { id: itemId, changed: true };
}

/** Removes an item from its track; what learners did for it stays theirs (cards, history, submissions). */
export async function removeTrackItem(db: Db, user: CurrentUser, itemId: string) {
  const access = await requireTrackItemRole(db, user, itemId, "instructor");
  await db.$transaction(async (tx) => {
    const item = await tx.trackItem.delete({ where: { id: itemId }, select: { kind: true, deckId: true, noteNumbers: true, goal: true, exerciseId: true, passPercent: true, dueAt: true } });
    await recordAudit(tx, { classId: access.classId, trackId: access.trackId, actorId: user.id, action: "item.remove", detail: { itemId, ...item, dueAt: item.dueAt?.toISOString() ?? null } });
  });
}

export async function moveTrackItem(db: Db, user: CurrentUser, itemId: string, direction: "up" | "down") {
  const access = await requireTrackItemRole(db, user, itemId, "instructor");
  await db.$transaction(async (tx) => {
    // Items are renumbered 0..n-1 in their current order, then the two neighbours swap: positions stay dense.
    const items = await tx.trackItem.findMany({ where: { trackId: access.trackId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true } });
    const index = items.findIndex((item) => item.id === itemId);
    const other = direction === "up" ? index - 1 : index + 1;
    if (other < 0 || other >= items.length) return;
    [items[index], items[other]] = [items[other]!, items[index]!];
    for (const [position, item] of items.entries()) await tx.trackItem.update({ where: { id: item.id }, data: { position } });
    await recordAudit(tx, { classId: access.classId, trackId: access.trackId, actorId: user.id, action: "item.move", detail: { itemId, direction, from: index, to: other } });
  });
}

export type TrackItemView = {
  id: string;
  position: number;
  kind: "review" | "lab";
  title: string;
  /** The deck's page, or the exercise's. */
  href: string;
  deckId: string | null;
  noteNumbers: number[];
  goal: ReviewGoalName | null;
  exerciseId: string | null;
  passPercent: number | null;
  dueAt: Date | null;
};

type ItemRow = {
  id: string;
  position: number;
  kind: "REVIEW" | "LAB";
  deckId: string | null;
  noteNumbers: number[];
  goal: "STUDIED" | "MASTERED" | null;
  exerciseId: string | null;
  passPercent: number | null;
  dueAt: Date | null;
  deck: { slug: string; title: string } | null;
};

/** Items as the pages show them: titled by their deck (and chosen notes) or exercise. */
export function viewItems(rows: ItemRow[]): TrackItemView[] {
  const exercises = new Map(listExercises().map((exercise) => [exercise.id, exercise.title]));
  return rows.map((row) => {
    const notes = row.noteNumbers.length > 0 ? ` (${row.noteNumbers.map((n) => `Q${n}`).join(", ")})` : "";
    return {
      id: row.id,
      position: row.position,
      kind: row.kind === "REVIEW" ? "review" : "lab",
      title: row.kind === "REVIEW" ? `${row.deck?.title ?? "Deck"}${notes}` : (exercises.get(row.exerciseId ?? "") ?? row.exerciseId ?? "Exercise"),
      href: row.kind === "REVIEW" ? `/decks/${row.deck?.slug ?? ""}` : `/lab/${row.exerciseId}`,
      deckId: row.deckId,
      noteNumbers: row.noteNumbers,
      goal: row.goal === null ? null : row.goal === "STUDIED" ? "studied" : "mastered",
      exerciseId: row.exerciseId,
      passPercent: row.passPercent,
      dueAt: row.dueAt,
    };
  });
}

export const ITEM_SELECT = {
  id: true,
  position: true,
  kind: true,
  deckId: true,
  noteNumbers: true,
  goal: true,
  exerciseId: true,
  passPercent: true,
  dueAt: true,
  deck: { select: { slug: true, title: true } },
} as const;

/** A track with its items, for its instructors' editor, and what can be assigned to it. */
export async function getTrackEditor(db: Db, user: CurrentUser, trackId: string) {
  const access = await requireTrackRole(db, user, trackId, "instructor");
  const track = await db.track.findUniqueOrThrow({
    where: { id: trackId },
    select: { id: true, title: true, description: true, classId: true, items: { orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: ITEM_SELECT } },
  });
  const decks = await db.deck.findMany({
    where: { retiredAt: null, ownerId: null, OR: [{ classId: null }, { classId: access.classId }] },
    orderBy: [{ classId: { sort: "desc", nulls: "last" } }, { title: "asc" }],
    select: { id: true, slug: true, title: true, classId: true, notes: { where: { retiredAt: null }, orderBy: { position: "asc" }, select: { number: true, question: true } } },
  });
  const exercises = listExercises().map((exercise) => ({ id: exercise.id, title: exercise.title }));
  return { access, track: { ...track, items: viewItems(track.items) }, decks, exercises };
}
