// New cards of instructors' track items come first, due soonest first: the SQL queue (lib/review/queue.ts) and the
// pure one (lib/srs/queue.ts, QUEUE_ORDER.new) introduce a learner's new cards in the same order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/session";
import type { TestDatabase } from "@/lib/db/testing";
import { createJobTestDatabase } from "@/lib/jobs/testing";
import { DEFAULT_SETTINGS } from "@/lib/srs";
import { buildDailyQueue, type QueueCard } from "@/lib/srs/queue";
import { deleteClass } from "@/lib/teach/classes";
import { makeClass, makeDeck, makeUser } from "@/lib/teach/testing";
import { addTrackItem, createTrack, deleteTrack } from "@/lib/teach/tracks";
import { ensureCards } from "./cards";
import { memoryFromRow } from "./memory";
import { loadQueue } from "./queue";

let t: TestDatabase;
let learner: CurrentUser;
const now = new Date("2026-12-01T12:00:00Z");
const settings = { ...DEFAULT_SETTINGS, newPerDay: 1000, maxReviewsPerDay: 10_000, timeZone: "UTC" };

beforeAll(async () => {
  t = await createJobTestDatabase(); // track items with a due date schedule a job
  const owner = await makeUser(t.db, "owner@example.com", "INSTRUCTOR");
  const [a, b, c] = [await makeDeck(t.db, "a", 3), await makeDeck(t.db, "b", 3), await makeDeck(t.db, "c", 3)];
  learner = await makeUser(t.db, "learner@example.com");
  // Class 1: deck a due 5 Dec, deck b's Q2 due 3 Dec. Class 2: deck b, no due date. A deleted track and a deleted
  // class assign deck c earliest of all: they no longer count.
  const one = await makeClass(t.db, { owner, learners: [learner] }, { deckId: a.id, due: "2026-12-05T12:00", timeZone: "UTC" });
  await addTrackItem(t.db, owner, one.trackId, { kind: "review", deckId: b.id, noteNumbers: [2], goal: "studied", due: "2026-12-03T12:00" });
  const two = await makeClass(t.db, { owner, learners: [learner] }, { deckId: b.id, timeZone: "UTC" });
  const dropped = await createTrack(t.db, owner, two.id, { title: "Dropped", description: "" });
  await addTrackItem(t.db, owner, dropped.id, { kind: "review", deckId: c.id, noteNumbers: [], goal: "studied", due: "2026-11-01T00:00" });
  await deleteTrack(t.db, owner, dropped.id);
  const gone = await makeClass(t.db, { owner, learners: [learner] }, { deckId: c.id, due: "2026-11-01T00:00", timeZone: "UTC" });
  await deleteClass(t.db, owner, gone.id);
  await ensureCards(t.db, learner.id, now);
});
afterAll(async () => t.drop());

/** The new cards in the order the SQL queue introduces them: take the first, move it out of New, ask again. */
async function sqlOrder(): Promise<string[]> {
  const order: string[] = [];
  for (;;) {
    const queue = await loadQueue(t.db, learner.id, now, { settings });
    if (!queue.card || queue.card.state !== 0) break;
    order.push(`${queue.card.deck.slug}#${queue.card.noteNumber}`);
    await t.db.card.update({ where: { id: queue.card.id }, data: { state: 2, due: new Date("2027-06-01T00:00:00Z"), stability: 100 } });
  }
  await t.db.card.updateMany({ where: { userId: learner.id }, data: { state: 0, due: now, stability: 0 } });
  return order;
}

describe("new cards of assigned items come first, due soonest first", () => {
  it("in the SQL queue", async () => {
    expect(await sqlOrder()).toEqual(["b#2", "a#1", "a#2", "a#3", "b#1", "b#3", "c#1", "c#2", "c#3"]);
  });

  it("in the same order as lib/srs's byNewCardOrder over the same cards", async () => {
    const due: Record<string, Date | null | undefined> = { "b#2": new Date("2026-12-03T12:00:00Z"), "b#1": null, "b#3": null };
    for (const n of [1, 2, 3]) due[`a#${n}`] = new Date("2026-12-05T12:00:00Z");
    const cards = await t.db.card.findMany({ where: { userId: learner.id }, include: { note: { include: { deck: true } } } });
    const pure: QueueCard[] = cards.map((c) => {
      const key = `${c.note.deck.slug}#${c.note.number}`;
      return { id: key, deckSlug: c.note.deck.slug, position: c.note.position, memory: memoryFromRow(c), suspended: false, assignedDue: due[key] };
    });
    const order: string[] = [];
    let remaining = pure;
    for (;;) {
      const next = buildDailyQueue({ cards: remaining, now, settings, doneToday: { newIntroduced: 0, reviewsDone: 0 } }).next;
      if (!next) break;
      order.push(next.id);
      remaining = remaining.filter((card) => card.id !== next.id);
    }
    expect(order).toEqual(await sqlOrder());
  });
});
