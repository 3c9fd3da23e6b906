import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

async function check(...files: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "scripts/content-check.ts", ...files]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("npm run content:check", () => {
  it("prints the notes of a good file as JSON and exits 0", async () => {
    const result = await check("content/ml-qa.md");
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { notes: Array<{ number: number; question: string; answerMarkdown: string }>; errors: unknown[] };
    expect(json.errors).toEqual([]);
    expect(json.notes).toHaveLength(21);
    expect(Object.keys(json.notes[0]!)).toEqual(["number", "question", "answerMarkdown"]);
  });

  it("exits 1 and names each line for a question with no answer, a duplicated number and an unterminated fence", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "latent-check-"));
    const file = path.join(dir, "broken.md");
    fs.writeFileSync(file, "#### Q1. ok?\nA1: yes\n\n#### Q2. no answer\n\n#### Q1. again?\nA1: dup\n\n#### Q3. code\nA3:\n```python\nnever closed\n");
    const result = await check(file);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as { errors: Array<{ line: number }> };
    expect(json.errors.map((e) => e.line)).toEqual([4, 6, 11]);
    expect(result.stderr).toContain(`${file}:4: Q2 has no answer`);
    expect(result.stderr).toContain(`${file}:6: Q1 is a duplicate`);
    expect(result.stderr).toContain(`${file}:11: The code fence opened on line 11 is never closed`);
  });

  it("exits 2 with a usage message when no file or an unreadable one is given", async () => {
    expect((await check()).code).toBe(2);
    const missing = await check("content/does-not-exist.md");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("content/does-not-exist.md: cannot read this file (ENOENT)");
  });
});
