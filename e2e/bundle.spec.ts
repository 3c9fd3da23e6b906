// Checked from the build's output (the e2e run builds first): no route but the lab references a chunk that
// contains Monaco or TensorFlow.js.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

const NEXT = path.join(process.cwd(), ".next");
const HEAVY = /MonacoEnvironment|vs\/editor\/common|WEBGL_VERSION|tfjs-backend-webgl|tfjs-core/;

function manifests(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) manifests(full, out);
    else if (entry.name === "page_client-reference-manifest.js") out.push(full);
  }
  return out;
}

test("only the lab's pages can reach the chunks with Monaco and TensorFlow.js", () => {
  const chunksDir = path.join(NEXT, "static", "chunks");
  const heavy = new Set(
    fs
      .readdirSync(chunksDir)
      .filter((file) => file.endsWith(".js") && HEAVY.test(fs.readFileSync(path.join(chunksDir, file), "utf8")))
      .map((file) => `/_next/static/chunks/${file}`),
  );
  expect(heavy.size, "the build has Monaco and tfjs chunks at all").toBeGreaterThan(0);

  const pages = manifests(path.join(NEXT, "server", "app"));
  expect(pages.length).toBeGreaterThan(5);
  for (const manifest of pages) {
    const route = path.relative(path.join(NEXT, "server", "app"), path.dirname(manifest));
    const referenced = new Set(fs.readFileSync(manifest, "utf8").match(/\/_next\/static\/chunks\/[\w.-]+\.js/g) ?? []);
    const reached = [...referenced].filter((chunk) => heavy.has(chunk));
    if (route.startsWith("(lab)")) continue;
    expect(reached, `${route} references ${reached.join(", ")}`).toEqual([]);
  }
});
