import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listExercises } from "@/lib/lab/exercises";
import { visibleTests } from "./visible-tests";

const BROWSER_DIR = path.join(process.cwd(), "lib", "lab", "browser");

describe("the browser's test map", () => {
  it("has every exercise of lab/, and nothing else", () => {
    expect(Object.keys(visibleTests).sort()).toEqual(listExercises().map((e) => e.id).sort());
  });

  it("never imports hidden tests or a reference solution into browser code", () => {
    for (const file of fs.readdirSync(BROWSER_DIR).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))) {
      const source = fs.readFileSync(path.join(BROWSER_DIR, file), "utf8");
      expect(source, file).not.toMatch(/hidden["'/]|\/hidden\b|\/solution["']/);
    }
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
