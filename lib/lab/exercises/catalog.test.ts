import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { labExercisePage, labExercises } from "./catalog";
import { listExercises } from "./load";

const LAB = path.join(process.cwd(), "lab");

describe("labExercises", () => {
  it("lists every exercise of lab/ in order, each with links to the notes it practises", () => {
    const listed = labExercises();
    expect(listed.map((e) => e.id)).toEqual(listExercises().map((e) => e.id));
    for (const exercise of listed) {
      expect(exercise.title.length, exercise.id).toBeGreaterThan(0);
      expect(exercise.notes.length, exercise.id).toBeGreaterThan(0);
      for (const note of exercise.notes) expect(note.href).toMatch(/^\/decks\/[a-z0-9-]+\/notes\/\d+$/);
    }
  });
});

describe("labExercisePage", () => {
  it("gives the rendered prompt with note links pointing at note pages, the exports and the starter", async () => {
    const page = await labExercisePage("kl-divergence");
    expect(page).not.toBeNull();
    expect(page!.promptHtml).toContain('href="/decks/ml-qa/notes/6"');
    expect(page!.promptHtml).not.toMatch(/<script/i);
    expect(page!.exports).toContain("klDivergence");
    expect(page!.starter).toBe(fs.readFileSync(path.join(LAB, "kl-divergence", "starter.ts"), "utf8"));
  });

  it("never carries the reference solution or hidden tests (the page serialises it to the browser)", async () => {
    for (const { id } of listExercises()) {
      const sent = JSON.stringify(await labExercisePage(id));
      const solution = fs.readFileSync(path.join(LAB, id, "solution.ts"), "utf8");
      expect(sent.includes(JSON.stringify(solution).slice(1, -1)), `${id}: solution`).toBe(false);
      const hiddenFile = path.join(LAB, id, "hidden.ts");
      if (!fs.existsSync(hiddenFile)) continue;
      for (const [, name] of fs.readFileSync(hiddenFile, "utf8").matchAll(/\btest\(\s*"([^"]+)"/g)) {
        expect(sent.includes(JSON.stringify(name).slice(1, -1)), `${id}: hidden test "${name}"`).toBe(false);
      }
    }
  });

  it("is null for an unknown or path-like id", async () => {
    expect(await labExercisePage("no-such-exercise")).toBeNull();
    expect(await labExercisePage("../kl-divergence")).toBeNull();
    expect(await labExercisePage("kl-divergence/../kl-divergence")).toBeNull();
  });
});
