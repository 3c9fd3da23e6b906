// The map itself; that no hidden test is reachable from browser code is checked in import-graph.test.ts.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listExercises } from "@/lib/lab/exercises/load";
import { visibleTests } from "./visible-tests";

describe("the browser's test map", () => {
  it("has every exercise of lab/, and nothing else", () => {
    expect(Object.keys(visibleTests).sort()).toEqual(listExercises().map((e) => e.id).sort());
  });

  it("loads each exercise's visible suite, whose tests are all visible", async () => {
    for (const [id, load] of Object.entries(visibleTests)) {
      const suite = (await load()).default;
      expect(suite, id).toBeDefined();
      const source = fs.readFileSync(path.join(process.cwd(), "lab", id, "tests.ts"), "utf8");
      expect(source, id).not.toMatch(/hidden:\s*true/);
      expect(source, id).not.toMatch(/from\s+["']\.\/hidden["']/);
    }
  });
});
