// The action log: every change a learner makes to their cards is an action, recorded in "CardAction" in the same
// transaction as the change, one row per card with the card's row as it was before. `z` undoes the learner's last
// action not yet undone — an answer, a suspend, a bury, a reset, an edit, a bulk action on many cards — and only it;
// pressed again, the one before. Undo never reaches past the last action: when any card of it changed since (another
// action, a lab reschedule that moved it), it is refused and nothing changes.
//
// Recording an action from another feature (a bulk action of the card browser, an edit while reviewing), inside the
// caller's transaction:
//
//   await recordAction(tx, { userId, kind: "SUSPEND", cardIds }, async ({ actionId }) => {
//     await tx.card.updateMany({ where: { id: { in: cardIds } }, data: { suspended: true } });
//   });
//
// `recordAction` locks the cards (404 unless every one is the learner's; 409 if `versions` are given and one moved),
// keeps each card's row, runs the change, then moves each card to its next version (the change must not set `version`
// itself) and records the version the action left it at. Review log rows the change writes carry `actionId`
// (`ReviewLog.actionId`): undo removes them with the action, so the optimizer, progress and the gradebook never count
// an undone answer or reset (the removed rows are kept in the action's `undone`, for the record). Notes the change
// edits are named in `noteIds`: their rows before are kept in `detail`, and undo puts them back. The answer, the hot
// path, writes its action in its own statement (lib/review/answer.ts) with the same rows.
//
// How undo treats an action: in one transaction, every card of it returns to its recorded row — every column but the
// card's identity (id, userId, noteId, createdAt), so a column added later is restored too when the action recorded
// it — at a new version (versions only grow, so an answer shown before the action can never be replayed), except a lab
// reason set since (a failed submission brought the card back without moving it), which stays. Its review log rows
// go, and with them the gradebook's kept results for due instants after them. The action is marked undone, never
// deleted. A card's previous action that this one followed directly becomes undoable at the card's new version, so
// undo walks back action by action. A change outside the log that should keep the actions before it undoable (a
// reschedule with new FSRS parameters) moves their version with the card's (`keepUndoableSql`).
import type { Db } from "@/lib/db";
import type { CardActionKind, Prisma } from "@/lib/generated/prisma/client";
import { ReviewError } from "./errors";

type Tx = Prisma.TransactionClient;

export type ActionKind = CardActionKind;

export type RecordedAction = { actionId: number; at: Date };

export type ActionInput = {
  userId: string;
  kind: ActionKind;
  cardIds: readonly string[];
  /** The versions the learner was shown, by card id: a card at another version refuses the action (409). */
  versions?: ReadonlyMap<string, number>;
  /** Notes the change edits: kept as they were, and put back by undo. */
  noteIds?: readonly string[];
  at?: Date;
};

/** What undo restored, for saying so: the action's kind, its cards (the first few, with their notes) and how many. */
export type UndoneAction = {
  kind: ActionKind;
  count: number;
  cards: Array<{ id: string; version: number; deck: { slug: string; title: string }; noteNumber: number; question: string }>;
  /** An undone answer's rating. */
  rating: number | null;
};

/** What `z` would undo now: the last action's kind and how many cards, when it can still be undone. */
export type UndoOffer = { kind: ActionKind; count: number };

export const STALE_CARD_MESSAGE =
  "This card was already answered or changed (in another tab, or by a repeated request). Nothing was changed; the next card is shown.";

/** The next action's id: the order of a learner's actions. */
export const NEXT_ACTION_ID = `nextval('"CardAction_actionId_seq"')`;

/** Runs `change` as one action on `cardIds` in the caller's transaction, recording it for undo (see the top of this file). */
export async function recordAction<T>(tx: Tx, input: ActionInput, change: (action: RecordedAction) => Promise<T>): Promise<RecordedAction & { result: T }> {
  const at = input.at ?? new Date();
  const ids = [...new Set(input.cardIds)].sort();
  if (ids.length === 0) throw new ReviewError(400, "Choose at least one card.", "no_cards");
  // Locked in id order, so two bulk actions over the same cards cannot deadlock.
  const locked = await tx.$queryRaw<Array<{ id: string; version: number }>>`
    SELECT id, version FROM "Card" WHERE id = ANY(${ids}) AND "userId" = ${input.userId} ORDER BY id FOR UPDATE`;
  if (locked.length !== ids.length) throw new ReviewError(404, "This card does not exist or is not yours.", "card_not_found");
  for (const card of locked) {
    const shown = input.versions?.get(card.id);
    if (shown !== undefined && shown !== card.version) throw new ReviewError(409, STALE_CARD_MESSAGE, "stale_card");
  }
  const [{ id }] = (await tx.$queryRawUnsafe<Array<{ id: string }>>(`SELECT ${NEXT_ACTION_ID}::text AS id`)) as [{ id: string }];
  const actionId = Number(id);
  const noteIds = [...new Set(input.noteIds ?? [])].sort();
  await tx.$executeRaw`
    INSERT INTO "CardAction" ("actionId", "cardId", "userId", kind, at, before, version, detail)
    SELECT ${actionId}::bigint, c.id, c."userId", ${input.kind}::"CardActionKind", ${at}::timestamp(3), to_jsonb(c), c.version,
      CASE WHEN cardinality(${noteIds}::text[]) = 0 THEN NULL
        ELSE jsonb_build_object('notes', (SELECT jsonb_agg(to_jsonb(n) ORDER BY n.id) FROM "Note" n WHERE n.id = ANY(${noteIds}))) END
    FROM "Card" c WHERE c.id = ANY(${ids})`;
  const result = await change({ actionId, at });
  await tx.$executeRaw`
    WITH moved AS (
      UPDATE "Card" c SET version = c.version + 1, "updatedAt" = ${at}::timestamp(3) WHERE c.id = ANY(${ids}) RETURNING c.id, c.version
    )
    UPDATE "CardAction" a SET version = m.version,
      detail = CASE WHEN a.detail IS NULL THEN NULL
        ELSE a.detail || jsonb_build_object('after', (SELECT jsonb_object_agg(n.id, md5((to_jsonb(n) - 'updatedAt')::text)) FROM "Note" n WHERE n.id = ANY(${noteIds}))) END
    FROM moved m WHERE a."actionId" = ${actionId}::bigint AND a."cardId" = m.id`;
  return { actionId, at, result };
}

// Columns undo leaves as they are: the card's identity, what it sets itself, and the lab reason (kept when set since).
const KEPT: Record<"Card" | "Note", ReadonlySet<string>> = {
  Card: new Set(["id", "userId", "noteId", "createdAt", "version", "updatedAt", "labReason"]),
  Note: new Set(["id", "createdAt", "updatedAt"]),
};
const restorable = new Map<string, Promise<string[]>>();

/** The columns of `table` that undo restores: all but KEPT, read from the catalog once per process. */
function restorableColumns(tx: Tx, table: "Card" | "Note"): Promise<string[]> {
  let columns = restorable.get(table);
  if (!columns) {
    columns = tx
      .$queryRaw<Array<{ name: string }>>`
        SELECT column_name::text AS name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ${table} ORDER BY ordinal_position`
      .then((rows) => rows.map((row) => row.name).filter((name) => !KEPT[table].has(name)));
    columns.catch(() => restorable.delete(table));
    restorable.set(table, columns);
  }
  return columns;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

type ActionRow = { cardId: string; kind: ActionKind; version: number; current: number; undoneAt: Date | null; beforeVersion: number; detail: Prisma.JsonValue };

/**
 * Undoes the learner's last action that is not undone yet (see the top of this file): 409 when there is none, when a
 * card of it changed since, or when another undo took it first; nothing changes then.
 */
export async function undoLastAction(db: Db, userId: string, now = new Date()): Promise<UndoneAction> {
  return db.$transaction(async (tx) => {
    const [last] = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT max("actionId")::text AS id FROM "CardAction" WHERE "userId" = ${userId} AND "undoneAt" IS NULL`;
    if (!last?.id) throw new ReviewError(409, "There is nothing to undo.", "nothing_to_undo");
    const actionId = Number(last.id);
    // The action's rows and cards, locked (cards in id order, as recordAction locks them).
    const rows = await tx.$queryRaw<ActionRow[]>`
      SELECT a."cardId", a.kind, a.version, c.version AS current, a."undoneAt", (a.before->>'version')::int AS "beforeVersion", a.detail
      FROM "CardAction" a JOIN "Card" c ON c.id = a."cardId"
      WHERE a."actionId" = ${actionId}::bigint AND a."userId" = ${userId}
      ORDER BY a."cardId" FOR UPDATE OF c, a`;
    if (rows.length === 0 || rows.some((row) => row.undoneAt !== null)) {
      throw new ReviewError(409, "That action was just undone (in another tab?). Nothing else was changed.", "undo_conflict");
    }
    const ids = rows.map((row) => row.cardId);
    const changed = rows.filter((row) => row.current !== row.version);
    if (changed.length > 0) {
      const [card] = await describeCards(tx, [changed[0]!.cardId]);
      const which = card ? `Q${card.noteNumber} of ${card.deck.title} (“${shorten(card.question)}”)` : "A card of it";
      throw new ReviewError(409, `${which} changed after that action (answered, suspended, reset or brought back by a lab), so it cannot be undone.`, "undo_stale");
    }
    await restoreNotes(tx, rows[0]!.detail, now);

    const columns = await restorableColumns(tx, "Card");
    const restored = await tx.$queryRawUnsafe<Array<{ id: string; version: number }>>(
      `UPDATE "Card" c SET (${columns.map(quote).join(", ")}) = (SELECT ${columns.map((column) => `r.${quote(column)}`).join(", ")} FROM jsonb_populate_record(c, a.before) r),
         "labReason" = coalesce(c."labReason", a.before->>'labReason'), version = c.version + 1, "updatedAt" = $2::timestamp(3)
       FROM "CardAction" a WHERE a."actionId" = $1::bigint AND a."cardId" = c.id
       RETURNING c.id, c.version`,
      actionId,
      now,
    );
    const versionOf = new Map(restored.map((card) => [card.id, card.version]));
    // The review log rows the action wrote go (kept in the action for the record), and with them the gradebook's
    // kept results for the due instants after them (lib/teach/progress.ts computes those again without them).
    const removed = await tx.$queryRaw<Array<{ cardId: string; review: Date; row: Prisma.JsonValue; rating: number | null }>>`
      DELETE FROM "ReviewLog" l WHERE l."cardId" = ANY(${ids}) AND l."actionId" = ${actionId}::bigint
      RETURNING l."cardId", l.review, to_jsonb(l) AS row, l.rating`;
    if (removed.length > 0) {
      const earliest = new Date(Math.min(...removed.map((row) => row.review.getTime())));
      await tx.$executeRaw`DELETE FROM "TrackItemDueResult" WHERE "userId" = ${userId} AND "dueAt" >= ${earliest}`;
    }
    // Each card's previous action, when this one followed it directly (the card was at the version it left), becomes
    // undoable at the card's new version: pressed again, undo takes it.
    const ahead = rows.map((row) => ({ cardId: row.cardId, from: row.beforeVersion, to: versionOf.get(row.cardId)! }));
    await tx.$executeRaw`
      UPDATE "CardAction" p SET version = x.to
      FROM jsonb_to_recordset(${JSON.stringify(ahead)}::jsonb) AS x("cardId" text, "from" int, "to" int)
      WHERE p."cardId" = x."cardId" AND p."actionId" < ${actionId}::bigint AND p."undoneAt" IS NULL AND p.version = x."from"`;
    const logsOf = (cardId: string) => removed.filter((row) => row.cardId === cardId).map((row) => row.row);
    await tx.$executeRaw`
      UPDATE "CardAction" a SET "undoneAt" = ${now}::timestamp(3), undone = x.logs
      FROM jsonb_to_recordset(${JSON.stringify(ids.map((cardId) => ({ cardId, logs: logsOf(cardId) })))}::jsonb) AS x("cardId" text, logs jsonb)
      WHERE a."actionId" = ${actionId}::bigint AND a."cardId" = x."cardId"`;

    const cards = (await describeCards(tx, ids.slice(0, 3))).map((card) => ({ ...card, version: versionOf.get(card.id)! }));
    return { kind: rows[0]!.kind, count: rows.length, cards, rating: removed.find((row) => row.rating !== null)?.rating ?? null };
  });
}

/** Puts back the notes an action edited, each only while it is still as the action left it (else 409). */
async function restoreNotes(tx: Tx, detail: Prisma.JsonValue, now: Date): Promise<void> {
  const notes = (detail as { notes?: Array<{ id: string }>; after?: Record<string, string> } | null)?.notes;
  if (!notes || notes.length === 0) return;
  const after = (detail as { after?: Record<string, string> }).after ?? {};
  const current = await tx.$queryRaw<Array<{ id: string; hash: string }>>`
    SELECT id, md5((to_jsonb(n) - 'updatedAt')::text) AS hash FROM "Note" n WHERE id = ANY(${notes.map((note) => note.id)}) ORDER BY id FOR UPDATE`;
  if (current.length !== notes.length || current.some((note) => after[note.id] !== note.hash)) {
    throw new ReviewError(409, "The note was edited again after that action, so it cannot be undone.", "undo_stale");
  }
  const columns = await restorableColumns(tx, "Note");
  await tx.$executeRawUnsafe(
    `UPDATE "Note" n SET (${columns.map(quote).join(", ")}) = (SELECT ${columns.map((column) => `r.${quote(column)}`).join(", ")} FROM jsonb_populate_record(n, x.row) r),
       "updatedAt" = $2::timestamp(3)
     FROM jsonb_array_elements($1::jsonb) AS x(row) WHERE n.id = x.row->>'id'`,
    JSON.stringify(notes),
    now,
  );
}

async function describeCards(tx: Tx, ids: string[]) {
  const rows = await tx.$queryRaw<Array<{ id: string; number: number; question: string; slug: string; title: string }>>`
    SELECT c.id, n.number, n.question, d.slug, d.title FROM "Card" c JOIN "Note" n ON n.id = c."noteId" JOIN "Deck" d ON d.id = n."deckId"
    WHERE c.id = ANY(${ids}) ORDER BY d.slug, n.position, c.id`;
  return rows.map((row) => ({ id: row.id, deck: { slug: row.slug, title: row.title }, noteNumber: row.number, question: row.question }));
}

function shorten(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/**
 * SQL for a change outside the action log that moves cards to their next version but should keep the actions before
 * it undoable (a reschedule with new FSRS parameters): each card's action in force moves to the card's new version
 * with it. `$moved` names a relation of the moved cards' `id` and new `version`.
 */
export function keepUndoableSql(moved: string): string {
  return `UPDATE "CardAction" a SET version = m.version FROM ${moved} m
    WHERE a."cardId" = m.id AND a.version = m.version - 1 AND a."undoneAt" IS NULL`;
}
