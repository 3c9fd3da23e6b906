import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listExercises, loadExercise, UnknownExerciseError } from "./load";

describe("exercises on disk", () => {
  it("lists exercises by order with their front matter", () => {
    const exercises = listExercises();
    expect(exercises[0]).toMatchObject({ id: "kl-divergence", title: "KL divergence", order: 1, exports: ["klDivergence"] });
    const orders = exercises.map((exercise) => exercise.order);
    expect([...orders].sort((a, b) => a - b)).toEqual(orders);
  });

  it("loads an exercise's files, wrong solutions with the bug they name", () => {
    const exercise = loadExercise("kl-divergence");
    expect(exercise.starter).toContain("Not implemented");
    expect(exercise.wrong.find((file) => file.file === "wrong/log2.ts")?.description).toMatch(/log base 2/);
    expect(exercise.prompt.startsWith("# KL divergence")).toBe(true);
  });

  it("rejects unknown ids and path tricks, naming the known exercises", () => {
    expect(() => loadExercise("../lib")).toThrow(UnknownExerciseError);
    expect(() => loadExercise("nope")).toThrow(/Known exercises: kl-divergence/);
  });

  it("reads any lab directory, ignoring folders without a prompt", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "latent-lab-"));
    fs.mkdirSync(path.join(dir, "b-one"));
    fs.writeFileSync(path.join(dir, "b-one", "prompt.md"), "---\ntitle: B\norder: 2\nnotes: [ml-qa#1]\nexports: [f]\n---\nbody");
    fs.mkdirSync(path.join(dir, "a-two"));
    fs.writeFileSync(path.join(dir, "a-two", "prompt.md"), "---\ntitle: A\norder: 1\nnotes: [ml-qa#2]\nexports: [g]\n---\nbody");
    fs.mkdirSync(path.join(dir, "notes"));
    expect(listExercises(dir).map((exercise) => exercise.id)).toEqual(["a-two", "b-one"]);
    fs.rmSync(dir, { recursive: true });
  });
});
