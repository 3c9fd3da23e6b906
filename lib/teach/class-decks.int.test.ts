// Class decks: uploaded through content:import's own parser and import, refused whole on any error (by line),
// visible to the class's members only, updated in place on re-upload without losing learners' history.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/session";
import { getDeck, getNote, listDecks } from "@/lib/content/decks";
import { importContent } from "@/lib/content/import";
import { parseDeck } from "@/lib/content/parse";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { setDeckStudied } from "@/lib/review/cards";
import { uploadClassDeck } from "./class-decks";
import { makeClass, makeDeck, makeUser } from "./testing";
import { addTrackItem } from "./tracks";

let t: TestDatabase;
let owner: CurrentUser;
let member: CurrentUser;
let outsider: CurrentUser;
let klass: Awaited<ReturnType<typeof makeClass>>;

const broken = [
  "# Week 1", // 1
  "", // 2
  "#### Q1. What is a tensor?", // 3
  "A1:", // 4
  "An array.", // 5
  "", // 6
  "#### Q2. Why normalise inputs?", // 7
  "", // 8
  "#### Q1. A duplicate", // 9
  "A1: again", // 10
  "```python", // 11
  "x = 1", // 12
].join("\n");

const good = (answers: Record<number, string>) =>
  `# Week 1\n\n${Object.entries(answers)
    .map(([n, answer]) => `#### Q${n}. Question ${n}?\nA${n}:\n${answer}\n\n---\n`)
    .join("\n")}`;

beforeAll(async () => {
  t = await createTestDatabase();
  owner = await makeUser(t.db, "owner@example.com", "INSTRUCTOR");
  member = await makeUser(t.db, "member@example.com");
  outsider = await makeUser(t.db, "outsider@example.com");
  const shared = await makeDeck(t.db, "shared", 2);
  klass = await makeClass(t.db, { owner, learners: [member] }, { deckId: shared.id });
});
afterAll(async () => t.drop());

describe("uploading a class deck", () => {
  it("refuses a file with errors, every one by its line, exactly as content:check reports them; nothing is imported", async () => {
    const decks = await t.db.deck.count();
    const notes = await t.db.note.count();
    const upload = await uploadClassDeck(t.db, owner, klass.id, { fileName: "week1.md", source: broken });
    expect(upload.ok).toBe(false);
    expect(upload.report.deckErrors).toEqual(parseDeck(broken, "week1.md").errors);
    expect(upload.report.deckErrors.map((error) => error.line)).toEqual(expect.arrayContaining([7, 9, 11]));
    expect(upload.report.errors[0]).toMatch(/^week1\.md:\d+: /);
    expect(await t.db.deck.count()).toBe(decks);
    expect(await t.db.note.count()).toBe(notes);
  });

  it("imports a good file, visible to the class's members only", async () => {
    const upload = await uploadClassDeck(t.db, owner, klass.id, { fileName: "week1.md", source: good({ 1: "An array.", 2: "Faster training." }) });
    expect(upload).toMatchObject({ ok: true, report: { status: "imported", added: [1, 2] } });
    const deck = await t.db.deck.findUniqueOrThrow({ where: { id: upload.deckId! } });
    expect(deck).toMatchObject({ classId: klass.id, title: "Week 1" });

    expect((await listDecks(t.db, member.id)).map((d) => d.slug)).toContain(deck.slug);
    expect((await listDecks(t.db, owner.id)).map((d) => d.slug)).toContain(deck.slug);
    expect((await listDecks(t.db, outsider.id)).map((d) => d.slug)).not.toContain(deck.slug);
    expect(await getDeck(t.db, deck.slug, member.id)).not.toBeNull();
    expect(await getDeck(t.db, deck.slug, outsider.id)).toBeNull();
    expect(await getNote(t.db, deck.slug, 1, outsider.id)).toBeNull();
    expect((await getNote(t.db, deck.slug, 1, member.id))?.question).toBe("Question 1?");
    // An outsider cannot study it either (the same 404 as a deck that does not exist), and new accounts do not get it.
    await expect(setDeckStudied(t.db, outsider.id, deck.id, true)).rejects.toMatchObject({ status: 404 });
    const fresh = await makeUser(t.db, "fresh@example.com");
    expect(await t.db.deckStudy.count({ where: { userId: fresh.id, deckId: deck.id } })).toBe(0);
    expect(await t.db.deckStudy.count({ where: { userId: outsider.id, deckId: deck.id } })).toBe(0);
  });

  it("re-uploading updates notes in place: learners keep their cards and history; new notes get cards", async () => {
    const deck = await t.db.deck.findFirstOrThrow({ where: { classId: klass.id } });
    await addTrackItem(t.db, owner, klass.trackId, { kind: "review", deckId: deck.id, noteNumbers: [], goal: "studied", due: null });
    const card = await t.db.card.findFirstOrThrow({ where: { userId: member.id, note: { deckId: deck.id, number: 1 } } });
    await t.db.card.update({ where: { id: card.id }, data: { state: 2, stability: 12, reps: 3 } });
    const noteIds = (await t.db.note.findMany({ where: { deckId: deck.id }, orderBy: { number: "asc" } })).map((note) => note.id);

    const upload = await uploadClassDeck(t.db, owner, klass.id, { fileName: "week1.md", source: good({ 1: "An n-dimensional array.", 3: "A new one." }) });
    expect(upload.report).toMatchObject({ status: "imported", added: [3], updated: [1], retired: [2] });
    const notes = await t.db.note.findMany({ where: { deckId: deck.id }, orderBy: { number: "asc" } });
    expect(notes.slice(0, 2).map((note) => note.id)).toEqual(noteIds);
    expect(notes[1]!.retiredAt).not.toBeNull();
    expect(await t.db.card.findUniqueOrThrow({ where: { id: card.id } })).toMatchObject({ state: 2, stability: 12, reps: 3 });
    expect(await t.db.card.count({ where: { userId: member.id, note: { deckId: deck.id, number: 3 } } })).toBe(1);

    const same = await uploadClassDeck(t.db, owner, klass.id, { fileName: "week1.md", source: good({ 1: "An n-dimensional array.", 3: "A new one." }) });
    expect(same.report.status).toBe("unchanged");
  });

  it("stays apart from content/: importing content never retires a class deck, and a class deck never takes a shared deck's place", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "latent-class-decks-"));
    try {
      const deck = await t.db.deck.findFirstOrThrow({ where: { classId: klass.id } });
      fs.writeFileSync(path.join(dir, "shared.md"), good({ 1: "x", 2: "y" }));
      fs.writeFileSync(path.join(dir, `${deck.slug}.md`), good({ 1: "hijack" }));
      const report = await importContent(t.db, dir);
      expect(report.decks.find((d) => d.slug === deck.slug)).toMatchObject({ status: "failed" });
      expect((await t.db.deck.findUniqueOrThrow({ where: { id: deck.id } })).retiredAt).toBeNull();
      expect((await t.db.note.findFirstOrThrow({ where: { deckId: deck.id, number: 1 } })).answerMarkdown).toBe("An n-dimensional array.");
      fs.rmSync(path.join(dir, `${deck.slug}.md`));
      expect((await importContent(t.db, dir)).ok).toBe(true);
      expect((await t.db.deck.findUniqueOrThrow({ where: { id: deck.id } })).retiredAt).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("another class's deck of the same file name is a different deck", async () => {
    const other = await makeClass(t.db, { owner }, { deckId: (await t.db.deck.findFirstOrThrow({ where: { slug: "shared" } })).id });
    const upload = await uploadClassDeck(t.db, owner, other.id, { fileName: "week1.md", source: good({ 1: "Other class." }) });
    expect(upload.ok).toBe(true);
    expect(await t.db.deck.count({ where: { title: "Week 1", classId: { not: null } } })).toBe(2);
    expect((await listDecks(t.db, member.id)).filter((d) => d.className !== null)).toHaveLength(1);
  });
});
