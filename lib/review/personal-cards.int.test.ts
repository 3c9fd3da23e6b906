// The schema of personal decks and notes as the rest of Latent reads it: a cloze note makes one card per cloze number
// (created, queued and shown with its own sides), a removed deletion's card keeps its history but leaves the queue,
// and a personal deck is its owner's alone (no other learner, class or content import can see or take it).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDeck, listDecks } from "@/lib/content/decks";
import { importContent } from "@/lib/content/import";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { makeDeck, makeUser } from "@/lib/teach/testing";
import { addTrackItem, createTrack } from "@/lib/teach/tracks";
import { createClass } from "@/lib/teach/classes";
import { loadQueue } from "./queue";
import { answerCard } from "./answer";
import { ensureCards, setDeckStudied } from "./cards";

let t: TestDatabase;
const now = new Date("2026-12-07T12:00:00Z");

async function personalDeck(ownerId: string, title: string) {
  const deck = await t.db.deck.create({ data: { slug: `my-${title}`, title, tags: [], sourcePath: "", contentHash: "", ownerId } });
  await t.db.deckStudy.create({ data: { userId: ownerId, deckId: deck.id } });
  return deck;
}

async function clozeNote(deckId: string, ownerId: string, number: number, ordinals: number[]) {
  const note = await t.db.note.create({
    data: {
      deckId,
      ownerId,
      number,
      position: number,
      kind: "CLOZE",
      question: ordinals.map((n) => `{{c${n}::word ${n}}}`).join(" "),
      answerMarkdown: "",
      answerHtml: "",
      sourceLine: 0,
      ordinals,
      guid: `guid-${number}`,
    },
  });
  await t.db.cloze.createMany({ data: ordinals.map((n) => ({ noteId: note.id, ordinal: n, frontHtml: `<p>front ${n}</p>`, backHtml: `<p>back ${n}</p>` })) });
  return note;
}

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.drop());

describe("a cloze note's cards", () => {
  it("are one per cloze number, each shown with its own sides, and a basic personal note shows its rendered question", async () => {
    const ada = await makeUser(t.db, "ada@example.com");
    const deck = await personalDeck(ada.id, "ada");
    const note = await clozeNote(deck.id, ada.id, 1, [1, 2]);
    await t.db.note.create({
      data: { deckId: deck.id, ownerId: ada.id, number: 2, position: 2, question: "What is $x$?", questionHtml: "<p>What is <math>x</math>?</p>", answerMarkdown: "y", answerHtml: "<p>y</p>", sourceLine: 0 },
    });
    expect(await ensureCards(t.db, ada.id, now)).toBe(3);
    expect(await ensureCards(t.db, ada.id, now)).toBe(0);
    const cards = await t.db.card.findMany({ where: { userId: ada.id, noteId: note.id }, orderBy: { ordinal: "asc" } });
    expect(cards.map((card) => card.ordinal)).toEqual([1, 2]);

    const shown: Array<[string, string | null, string]> = [];
    for (let i = 0; i < 3; i++) {
      const queue = await loadQueue(t.db, ada.id, now);
      const card = queue.card!;
      if (i === 0) expect(queue.counts.new).toBe(3);
      shown.push([card.kind, card.questionHtml, card.answerHtml]);
      // Easy graduates each card out of today's new cards, so the next one is shown.
      await answerCard(t.db, ada.id, { cardId: card.id, version: card.version, rating: 4, durationMs: 1000 }, now);
    }
    expect(shown).toEqual(
      expect.arrayContaining([
        ["cloze", "<p>front 1</p>", "<p>back 1</p>"],
        ["cloze", "<p>front 2</p>", "<p>back 2</p>"],
        ["basic", "<p>What is <math>x</math>?</p>", "<p>y</p>"],
      ]),
    );
  });

  it("keeps a removed deletion's card and its history out of the queue until the deletion comes back", async () => {
    const bea = await makeUser(t.db, "bea@example.com");
    const deck = await personalDeck(bea.id, "bea");
    const note = await clozeNote(deck.id, bea.id, 1, [1, 2, 3]);
    await ensureCards(t.db, bea.id, now);
    expect((await loadQueue(t.db, bea.id, now)).counts.new).toBe(3);

    await t.db.note.update({ where: { id: note.id }, data: { ordinals: [1, 3] } });
    expect((await loadQueue(t.db, bea.id, now)).counts.new).toBe(2);
    expect(await t.db.card.count({ where: { userId: bea.id, noteId: note.id } })).toBe(3);

    await t.db.note.update({ where: { id: note.id }, data: { ordinals: [1, 2, 3, 4] } });
    await t.db.cloze.create({ data: { noteId: note.id, ordinal: 4, frontHtml: "f4", backHtml: "b4" } });
    expect(await ensureCards(t.db, bea.id, now)).toBe(1);
    expect((await loadQueue(t.db, bea.id, now)).counts.new).toBe(4);
  });
});

describe("a personal deck", () => {
  it("is its owner's alone: other learners, classes and track items cannot reach it", async () => {
    const owner = await makeUser(t.db, "owner@example.com");
    const other = await makeUser(t.db, "other@example.com");
    const teacher = await makeUser(t.db, "teacher@example.com", "INSTRUCTOR");
    const deck = await personalDeck(owner.id, "private");
    await makeDeck(t.db, "shared", 2);

    expect((await listDecks(t.db, owner.id)).map((d) => d.slug).sort()).toEqual(["my-private", "shared"]);
    expect((await listDecks(t.db, other.id)).map((d) => d.slug)).toEqual(["shared"]);
    expect(await getDeck(t.db, deck.slug, other.id)).toBeNull();
    await expect(setDeckStudied(t.db, other.id, deck.id, true)).rejects.toMatchObject({ status: 404 });
    expect(await t.db.deckStudy.count({ where: { userId: other.id, deckId: deck.id } })).toBe(0);

    const klass = await createClass(t.db, teacher, { name: "C", description: "", timeZone: "UTC" });
    const track = await createTrack(t.db, teacher, klass.id, { title: "T", description: "" });
    await expect(addTrackItem(t.db, teacher, track.id, { kind: "review", deckId: deck.id, noteNumbers: [], goal: "studied", due: null })).rejects.toMatchObject({ status: 400 });
  });

  it("is neither retired nor replaced by importing content/, even a file of the same name", async () => {
    const owner = await makeUser(t.db, "importer@example.com");
    const deck = await personalDeck(owner.id, "clash");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "latent-content-"));
    fs.writeFileSync(path.join(dir, "my-clash.md"), "# Clash\n\n#### Q1. q?\n\nA1: a\n");
    const report = await importContent(t.db, dir);
    expect(report.decks[0]!.status).toBe("failed");
    fs.rmSync(path.join(dir, "my-clash.md"));
    fs.writeFileSync(path.join(dir, "other.md"), "# Other\n\n#### Q1. q?\n\nA1: a\n");
    expect((await importContent(t.db, dir)).ok).toBe(true);
    expect(await t.db.deck.findUniqueOrThrow({ where: { id: deck.id } })).toMatchObject({ retiredAt: null, ownerId: owner.id, title: "clash" });
  });

  it("goes with its owner's account: decks, notes, cards, clozes and history", async () => {
    const gone = await makeUser(t.db, "gone@example.com");
    const deck = await personalDeck(gone.id, "gone");
    const note = await clozeNote(deck.id, gone.id, 1, [1]);
    await ensureCards(t.db, gone.id, now);
    const card = (await loadQueue(t.db, gone.id, now)).card!;
    await answerCard(t.db, gone.id, { cardId: card.id, version: card.version, rating: 3, durationMs: 1000 }, now);
    await t.db.user.delete({ where: { id: gone.id } });
    expect(await t.db.deck.count({ where: { id: deck.id } })).toBe(0);
    expect(await t.db.note.count({ where: { id: note.id } })).toBe(0);
    expect(await t.db.cloze.count({ where: { noteId: note.id } })).toBe(0);
    expect(await t.db.reviewLog.count({ where: { userId: gone.id } })).toBe(0);
  });
});
