import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/accounts";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { ensureCards } from "@/lib/review/cards";
import { describeImport, importContent, importDeckFile } from "./import";

let t: TestDatabase;
let dir: string;
const real = fs.readFileSync(path.join(process.cwd(), "content", "ml-qa.md"), "utf8");

beforeAll(async () => {
  t = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "latent-content-"));
  fs.writeFileSync(path.join(dir, "ml-qa.md"), real);
});
afterAll(async () => {
  await t.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const snapshot = async () =>
  (await t.db.note.findMany({ orderBy: { number: "asc" } })).map(({ id, number, question, answerMarkdown, answerHtml, retiredAt, updatedAt }) => ({
    id,
    number,
    question,
    answerMarkdown,
    answerHtml,
    retiredAt,
    updatedAt,
  }));

describe("content import", () => {
  it("imports the real deck: 21 notes, no Q13, repaired text, highlighted code", async () => {
    const report = await importContent(t.db, dir);
    expect(report.ok).toBe(true);
    expect(report.decks[0]).toMatchObject({ slug: "ml-qa", status: "imported" });
    expect(report.decks[0]!.added).toHaveLength(21);
    const notes = await t.db.note.findMany({ orderBy: { position: "asc" } });
    expect(notes.map((n) => n.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22]);
    expect(notes.find((n) => n.number === 5)!.answerHtml).toContain("Léon Bottou");
    for (const n of [16, 18]) expect(notes.find((note) => note.number === n)!.answerHtml).toMatch(/<code class="hljs language-python">[\s\S]*hljs-keyword/);
  });

  it("changes nothing when importing the same files again", async () => {
    const before = await snapshot();
    const report = await importContent(t.db, dir);
    expect(report.decks[0]!.status).toBe("unchanged");
    expect(describeImport(report)).toEqual([`${path.relative(process.cwd(), path.join(dir, "ml-qa.md"))}: unchanged`]);
    expect(await snapshot()).toEqual(before);
  });

  it("updates an edited answer in place, retires a removed note and keeps learners' cards and history", async () => {
    const learner = (await createUser(t.db, { email: "learner@example.com" })).id;
    await ensureCards(t.db, learner);
    const before = await snapshot();
    const q7 = before.find((n) => n.number === 7)!;
    const q9 = before.find((n) => n.number === 9)!;
    const cardOfQ9 = await t.db.card.findFirstOrThrow({ where: { userId: learner, noteId: q9.id } });

    const edited = real
      .replace("In WGAN (Wasserstein GAN), the Wasserstein distance is used as a loss function", "In WGAN, the Wasserstein-1 distance serves as the loss")
      .replace(/#### Q9\.[\s\S]*?(?=#### Q10\.)/, "");
    fs.writeFileSync(path.join(dir, "ml-qa.md"), edited);
    const report = await importContent(t.db, dir);
    expect(report.decks[0]).toMatchObject({ status: "imported", added: [], updated: [7], retired: [9] });

    const after = await snapshot();
    const q7After = after.find((n) => n.number === 7)!;
    expect(q7After.id).toBe(q7.id);
    expect(q7After.answerMarkdown).toContain("Wasserstein-1 distance serves as the loss");
    expect(after.find((n) => n.number === 9)!.retiredAt).not.toBeNull();
    expect(await t.db.card.findUnique({ where: { id: cardOfQ9.id } })).not.toBeNull();

    // Putting Q9 back restores the same note (same id, same cards).
    fs.writeFileSync(path.join(dir, "ml-qa.md"), real);
    const restored = await importContent(t.db, dir);
    expect(restored.decks[0]).toMatchObject({ restored: [9], updated: [7] });
    const q9After = (await snapshot()).find((n) => n.number === 9)!;
    expect(q9After.id).toBe(q9.id);
    expect(q9After.retiredAt).toBeNull();
  });

  it("changes nothing for a file with errors and names each line", async () => {
    const before = await snapshot();
    const broken = real.replace("A12:", "").replace("#### Q14.", "#### Q11.") + "\n\n#### Q30. Open fence?\nA30:\n```python\nprint('never closed')\n";
    fs.writeFileSync(path.join(dir, "ml-qa.md"), broken);
    const report = await importContent(t.db, dir);
    expect(report.ok).toBe(false);
    const errors = report.decks[0]!.errors.join("\n");
    expect(errors).toMatch(/ml-qa\.md:\d+: .*Q12/);
    expect(errors).toMatch(/ml-qa\.md:\d+: .*(duplicat|Q11)/i);
    expect(errors).toMatch(/ml-qa\.md:\d+: .*(fence|```)/i);
    expect(await snapshot()).toEqual(before);
    fs.writeFileSync(path.join(dir, "ml-qa.md"), real);
  });

  it("renders math again for notes stored by an older renderer, keeping the notes and their cards", async () => {
    const mathDir = fs.mkdtempSync(path.join(os.tmpdir(), "latent-math-"));
    const file = path.join(mathDir, "math-deck.md");
    fs.writeFileSync(file, "# Math\n\n#### Q1. KL?\nA1:\n$\\mathrm{KL}(P\\,\\|\\,Q) = \\sum_i p_i \\log \\frac{p_i}{q_i}$, for $5 and $10.\n");
    try {
      expect((await importDeckFile(t.db, file)).status).toBe("imported");
      const learner = (await createUser(t.db, { email: "math@example.com" })).id;
      await ensureCards(t.db, learner);
      const deck = await t.db.deck.findUniqueOrThrow({ where: { slug: "math-deck" }, include: { notes: true } });
      const note = deck.notes[0]!;
      // As the previous renderer stored it: raw TeX between dollars, under the previous render version's hash.
      await t.db.note.update({ where: { id: note.id }, data: { answerHtml: "<p>$\\mathrm{KL}$</p>" } });
      await t.db.deck.update({ where: { id: deck.id }, data: { contentHash: "rendered-by-version-1" } });
      const cardsBefore = await t.db.card.findMany({ where: { noteId: note.id } });

      const report = await importDeckFile(t.db, file);
      expect(report).toMatchObject({ status: "imported", added: [], updated: [], retired: [] });
      const after = await t.db.note.findUniqueOrThrow({ where: { id: note.id } });
      expect(after.answerHtml).toContain('<span class="katex">');
      expect(after.answerHtml).toContain("for $5 and $10.");
      expect(await t.db.card.findMany({ where: { noteId: note.id } })).toEqual(cardsBefore);
      expect((await importDeckFile(t.db, file)).status).toBe("unchanged");
    } finally {
      fs.rmSync(mathDir, { recursive: true, force: true });
    }
  });
});
