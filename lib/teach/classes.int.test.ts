// Classes and tracks on PostgreSQL: codes, joining and leaving, co-instructors, due dates in the class's zone, the
// audit trail of every track change, and deletions that never touch learners' cards, logs or submissions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/session";
import type { TestDatabase } from "@/lib/db/testing";
import { createJobTestDatabase } from "@/lib/jobs/testing";
import { listAudit } from "./audit";
import { uploadClassDeck } from "./class-decks";
import { addCoInstructor, deleteClass, joinClass, leaveClass, previewJoin, removeMember, rotateJoinCode } from "./classes";
import { TeachError } from "./errors";
import { formatJoinCode, JOIN_CODE_ALPHABET } from "./join-code";
import { makeClass, makeDeck, makeUser } from "./testing";
import { addTrackItem, createTrack, deleteTrack, moveTrackItem, removeTrackItem, updateTrack, updateTrackItem } from "./tracks";

let t: TestDatabase;
let owner: CurrentUser;
let co: CurrentUser;
let ada: CurrentUser;
let deckId: string;

beforeAll(async () => {
  t = await createJobTestDatabase(); // track items with a due date schedule a job
  owner = await makeUser(t.db, "owner@example.com", "INSTRUCTOR", "Olive");
  co = await makeUser(t.db, "co@example.com", "INSTRUCTOR", "Cole");
  ada = await makeUser(t.db, "ada@example.com");
  deckId = (await makeDeck(t.db, "ml", 6)).id;
});
afterAll(async () => t.drop());

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TeachError);
  return error as TeachError;
}

describe("join codes", () => {
  it("are 8 characters without look-alikes; typed in any case with a dash they still work", async () => {
    const klass = await makeClass(t.db, { owner }, { deckId });
    expect(klass.joinCode).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{8}$`));
    expect(klass.joinCode).not.toMatch(/[01ILO]/);
    const typed = formatJoinCode(klass.joinCode).toLowerCase();
    expect((await previewJoin(t.db, ada, typed)).id).toBe(klass.id);
    expect((await joinClass(t.db, ada, typed)).joined).toBe(true);
  });

  it("rotate: the old code (and its invite link) stops working at once, the new one works", async () => {
    const klass = await makeClass(t.db, { owner }, { deckId });
    const { joinCode } = await rotateJoinCode(t.db, owner, klass.id);
    expect(joinCode).not.toBe(klass.joinCode);
    expect((await refusal(joinClass(t.db, ada, klass.joinCode))).status).toBe(404);
    expect((await refusal(previewJoin(t.db, ada, klass.joinCode))).status).toBe(404);
    expect(await t.db.classMember.count({ where: { classId: klass.id, userId: ada.id } })).toBe(0);
    expect((await joinClass(t.db, ada, joinCode)).joined).toBe(true);
  });
});

describe("joining, leaving and being removed", () => {
  it("joining studies the assigned decks and creates their cards; joining twice changes nothing", async () => {
    const bea = await makeUser(t.db, "bea@example.com");
    await t.db.deckStudy.deleteMany({ where: { userId: bea.id } }); // she had stopped studying every deck
    const klass = await makeClass(t.db, { owner }, { deckId });
    await joinClass(t.db, bea, klass.joinCode);
    expect(await t.db.deckStudy.count({ where: { userId: bea.id, deckId } })).toBe(1);
    expect(await t.db.card.count({ where: { userId: bea.id, note: { deckId } } })).toBe(6);
    const again = await joinClass(t.db, bea, klass.joinCode);
    expect(again).toMatchObject({ joined: false, role: "LEARNER" });
    expect(await t.db.card.count({ where: { userId: bea.id } })).toBe(6);
  });

  it("assigning a deck later makes it studied, with cards, for every learner already in the class", async () => {
    const cal = await makeUser(t.db, "cal@example.com");
    const other = await makeDeck(t.db, "other", 3);
    const klass = await makeClass(t.db, { owner, learners: [cal] }, { deckId });
    expect(await t.db.card.count({ where: { userId: cal.id, note: { deckId: other.id } } })).toBe(0);
    await t.db.deckStudy.deleteMany({ where: { userId: cal.id, deckId: other.id } });
    await addTrackItem(t.db, owner, klass.trackId, { kind: "review", deckId: other.id, noteNumbers: [2], goal: "studied", due: null });
    expect(await t.db.deckStudy.count({ where: { userId: cal.id, deckId: other.id } })).toBe(1);
    expect(await t.db.card.count({ where: { userId: cal.id, note: { deckId: other.id } } })).toBe(3);
  });

  it("leaving takes the class's own decks out of the learner's review; cards and history stay, and return on rejoining", async () => {
    const dan = await makeUser(t.db, "dan@example.com");
    const klass = await makeClass(t.db, { owner, learners: [dan] }, { deckId });
    const upload = await uploadClassDeck(t.db, owner, klass.id, { fileName: "week1.md", source: "# W1\n#### Q1. a?\nA1: b\n" });
    await addTrackItem(t.db, owner, klass.trackId, { kind: "review", deckId: upload.deckId!, noteNumbers: [], goal: "studied", due: null });
    const card = await t.db.card.findFirstOrThrow({ where: { userId: dan.id, note: { deckId: upload.deckId! } } });
    await leaveClass(t.db, dan, klass.id);
    expect(await t.db.classMember.count({ where: { classId: klass.id, userId: dan.id } })).toBe(0);
    expect(await t.db.deckStudy.count({ where: { userId: dan.id, deckId: upload.deckId! } })).toBe(0);
    expect(await t.db.deckStudy.count({ where: { userId: dan.id, deckId } })).toBe(1); // a shared deck stays studied
    expect(await t.db.card.findUnique({ where: { id: card.id } })).not.toBeNull();
    await joinClass(t.db, dan, klass.joinCode);
    expect(await t.db.card.findFirstOrThrow({ where: { userId: dan.id, note: { deckId: upload.deckId! } } })).toMatchObject({ id: card.id });
  });

  it("an instructor removes a learner; only the owner removes a co-instructor; nobody removes the owner", async () => {
    const eve = await makeUser(t.db, "eve@example.com");
    const klass = await makeClass(t.db, { owner, coInstructor: co, learners: [eve] }, { deckId });
    expect((await refusal(removeMember(t.db, co, klass.id, owner.id))).status).toBe(409);
    expect((await refusal(removeMember(t.db, co, klass.id, co.id))).status).toBe(403);
    await removeMember(t.db, co, klass.id, eve.id);
    expect(await t.db.classMember.count({ where: { classId: klass.id, userId: eve.id } })).toBe(0);
    await removeMember(t.db, owner, klass.id, co.id);
    expect(await t.db.classMember.count({ where: { classId: klass.id, userId: co.id } })).toBe(0);
    expect((await refusal(leaveClass(t.db, owner, klass.id))).status).toBe(409);
  });

  it("co-instructors are instructor accounts, added by email; a learner's email is refused like an unknown one", async () => {
    const klass = await makeClass(t.db, { owner }, { deckId });
    const unknown = await refusal(addCoInstructor(t.db, owner, klass.id, "nobody@example.com"));
    const learner = await refusal(addCoInstructor(t.db, owner, klass.id, ada.email));
    expect([unknown.status, learner.status]).toEqual([404, 404]);
    expect(learner.message).toBe(unknown.message);
    await addCoInstructor(t.db, owner, klass.id, "CO@example.com");
    expect((await refusal(addCoInstructor(t.db, owner, klass.id, co.email))).status).toBe(409);
    await createTrack(t.db, co, klass.id, { title: "By the co-instructor", description: "" });
    expect((await refusal(deleteClass(t.db, co, klass.id))).status).toBe(403);
  });
});

describe("due dates are entered in the class's time zone and stored as instants", () => {
  it("a Paris evening, a Tokyo morning, and a time skipped by the DST change", async () => {
    const paris = await makeClass(t.db, { owner }, { deckId, timeZone: "Europe/Paris", due: "2026-12-04T23:59" });
    expect((await t.db.trackItem.findUniqueOrThrow({ where: { id: paris.reviewItemId } })).dueAt).toEqual(new Date("2026-12-04T22:59:00Z"));
    const tokyo = await makeClass(t.db, { owner }, { deckId, timeZone: "Asia/Tokyo", due: "2026-12-05T09:00" });
    expect((await t.db.trackItem.findUniqueOrThrow({ where: { id: tokyo.labItemId } })).dueAt).toEqual(new Date("2026-12-05T00:00:00Z"));
    await updateTrackItem(t.db, owner, paris.labItemId, { due: "2026-03-29T02:30" });
    expect((await t.db.trackItem.findUniqueOrThrow({ where: { id: paris.labItemId } })).dueAt).toEqual(new Date("2026-03-29T01:00:00Z"));
    expect((await refusal(updateTrackItem(t.db, owner, paris.labItemId, { due: "2026-02-30T10:00" }))).status).toBe(400);
  });
});

describe("every change to a track is recorded with who made it and when", () => {
  it("create, rename, add, change a due date, move, remove, delete", async () => {
    const klass = await makeClass(t.db, { owner, coInstructor: co }, { deckId, due: "2026-12-01T12:00" });
    const before = new Date();
    await updateTrack(t.db, co, klass.trackId, { title: "Week one" });
    const added = await addTrackItem(t.db, co, klass.trackId, { kind: "lab", exerciseId: "minibatches", passPercent: 80, due: null });
    await updateTrackItem(t.db, owner, klass.reviewItemId, { due: "2026-12-08T12:00", goal: "mastered" });
    await updateTrackItem(t.db, owner, klass.labItemId, { passPercent: 100 }); // unchanged: not recorded
    await moveTrackItem(t.db, co, added.id, "up");
    await removeTrackItem(t.db, owner, added.id);
    await deleteTrack(t.db, co, klass.trackId);
    const entries = (await listAudit(t.db, klass.id, { trackId: klass.trackId })).reverse();
    expect(entries.map((entry) => [entry.action, entry.actor])).toEqual([
      ["track.create", "Olive"],
      ["item.add", "Olive"],
      ["item.add", "Olive"],
      ["track.update", "Cole"],
      ["item.add", "Cole"],
      ["item.update", "Olive"],
      ["item.move", "Cole"],
      ["item.remove", "Olive"],
      ["track.delete", "Cole"],
    ]);
    expect(entries[5]!.detail).toEqual({
      itemId: klass.reviewItemId,
      before: { dueAt: "2026-12-01T11:00:00.000Z", goal: "studied" },
      after: { dueAt: "2026-12-08T11:00:00.000Z", goal: "mastered" },
    });
    for (const entry of entries.slice(3)) expect(entry.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
  });

  it("refuses an item that points at another class's deck, an unknown exercise or a note the deck lacks; nothing is written", async () => {
    const mine = await makeClass(t.db, { owner }, { deckId });
    const theirs = await makeClass(t.db, { owner: co }, { deckId });
    const foreign = await uploadClassDeck(t.db, co, theirs.id, { fileName: "secret.md", source: "#### Q1. s?\nA1: t\n" });
    const items = await t.db.trackItem.count();
    const audits = await t.db.teachAudit.count();
    expect((await refusal(addTrackItem(t.db, owner, mine.trackId, { kind: "review", deckId: foreign.deckId!, noteNumbers: [], goal: "studied", due: null }))).status).toBe(400);
    expect((await refusal(addTrackItem(t.db, owner, mine.trackId, { kind: "lab", exerciseId: "no-such", passPercent: 100, due: null }))).status).toBe(400);
    const missing = await refusal(addTrackItem(t.db, owner, mine.trackId, { kind: "review", deckId, noteNumbers: [2, 99], goal: "studied", due: null }));
    expect(missing.message).toBe("noteNumbers: ml has no Q99.");
    expect(await t.db.trackItem.count()).toBe(items);
    expect(await t.db.teachAudit.count()).toBe(audits);
  });
});

describe("deleting a class or a track never deletes learners' cards, review logs or submissions", () => {
  it("keeps them all, hides the class and retires its decks", async () => {
    const fay = await makeUser(t.db, "fay@example.com");
    const klass = await makeClass(t.db, { owner, learners: [fay] }, { deckId });
    const upload = await uploadClassDeck(t.db, owner, klass.id, { fileName: "notes.md", source: "#### Q1. x?\nA1: y\n" });
    await addTrackItem(t.db, owner, klass.trackId, { kind: "review", deckId: upload.deckId!, noteNumbers: [], goal: "studied", due: null });
    const card = await t.db.card.findFirstOrThrow({ where: { userId: fay.id, note: { deckId: upload.deckId! } } });
    await t.db.reviewLog.create({
      data: { cardId: card.id, userId: fay.id, rating: 3, state: 0, due: new Date(), stability: 0, difficulty: 0, elapsedDays: 0, lastElapsedDays: 0, scheduledDays: 0, learningSteps: 0, review: new Date(), prevDue: new Date(), prevReps: 0, prevLapses: 0, cardVersion: 1, studyDay: new Date(new Date().toISOString().slice(0, 10)) },
    });
    await t.db.submission.create({ data: { userId: fay.id, exerciseId: "kl-divergence", code: "x", status: "pass", points: 14, maxPoints: 14, results: {}, backend: "cpu", durationMs: 1 } });
    const counts = async () => [await t.db.card.count({ where: { userId: fay.id } }), await t.db.reviewLog.count({ where: { userId: fay.id } }), await t.db.submission.count({ where: { userId: fay.id } })];
    const before = await counts();

    await deleteTrack(t.db, owner, klass.trackId);
    expect(await counts()).toEqual(before);
    await deleteClass(t.db, owner, klass.id);
    expect(await counts()).toEqual(before);
    expect((await t.db.deck.findUniqueOrThrow({ where: { id: upload.deckId! } })).retiredAt).not.toBeNull();
    expect((await refusal(joinClass(t.db, ada, klass.joinCode))).status).toBe(404);
    expect((await refusal(createTrack(t.db, owner, klass.id, { title: "x", description: "" }))).status).toBe(404);
  });
});
