import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { katexClassNames } from "./katex-schema";
import { renderMarkdown } from "./render";

describe("the sanitizer's KaTeX schema", () => {
  it("admits every class katex.css styles (so a KaTeX upgrade that adds one fails here)", () => {
    const css = fs.readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve("katex")), "katex.css"), "utf8");
    const styled = new Set([...css.matchAll(/\.([a-zA-Z][\w-]*)/g)].map((match) => match[1]!).filter((name) => !/^(woff2?|ttf)$/.test(name)));
    expect([...styled].filter((name) => !katexClassNames.has(name))).toEqual([]);
  });

  it("keeps every class KaTeX writes for the math in content/ and lab/ prompts", async () => {
    const sources = [
      ...fs.readdirSync("content").filter((name) => name.endsWith(".md")).map((name) => path.join("content", name)),
      ...fs.readdirSync("lab").map((name) => path.join("lab", name, "prompt.md")).filter((file) => fs.existsSync(file)),
    ].map((file) => fs.readFileSync(file, "utf8"));
    const html = (await Promise.all(sources.map(renderMarkdown))).join("\n");
    const spans = [...html.matchAll(/<span class="([^"]*)"/g)].flatMap((match) => match[1]!.split(" "));
    expect(spans.length).toBeGreaterThan(100);
    expect(spans.filter((name) => !katexClassNames.has(name) && !/^hljs-|_$/.test(name))).toEqual([]);
  });
});
