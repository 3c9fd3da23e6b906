import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensureAuthSecret } from "./boot";

let dir: string;
const cwd = process.cwd();
const saved = process.env.NEXTAUTH_SECRET;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "latent-env-"));
  process.chdir(dir);
  delete process.env.NEXTAUTH_SECRET;
});
afterEach(() => {
  process.chdir(cwd);
  fs.rmSync(dir, { recursive: true, force: true });
  if (saved === undefined) delete process.env.NEXTAUTH_SECRET;
  else process.env.NEXTAUTH_SECRET = saved;
});

const mode = () => fs.statSync(path.join(dir, ".env.local")).mode & 0o777;

describe(".env.local and the auth secret", () => {
  it("creates .env.local with the secret, readable by its owner only", () => {
    ensureAuthSecret(() => undefined);
    expect(fs.readFileSync(path.join(dir, ".env.local"), "utf8")).toMatch(/^NEXTAUTH_SECRET=[\w-]{40,}\n$/);
    expect(mode()).toBe(0o600);
  });

  it("appends the secret to a world-readable .env.local and makes it 0600, keeping what was there", () => {
    fs.writeFileSync(path.join(dir, ".env.local"), "GITHUB_SECRET=shh", { mode: 0o644 });
    fs.chmodSync(path.join(dir, ".env.local"), 0o644);
    ensureAuthSecret(() => undefined);
    expect(fs.readFileSync(path.join(dir, ".env.local"), "utf8")).toMatch(/^GITHUB_SECRET=shh\nNEXTAUTH_SECRET=[\w-]{40,}\n$/);
    expect(mode()).toBe(0o600);
  });

  it("makes an existing .env.local 0600 even when the secret is already set", () => {
    process.env.NEXTAUTH_SECRET = "already-set";
    fs.writeFileSync(path.join(dir, ".env.local"), "NEXTAUTH_SECRET=already-set\n");
    fs.chmodSync(path.join(dir, ".env.local"), 0o664);
    const lines: string[] = [];
    ensureAuthSecret((line) => lines.push(line));
    expect(mode()).toBe(0o600);
    expect(fs.readFileSync(path.join(dir, ".env.local"), "utf8")).toBe("NEXTAUTH_SECRET=already-set\n");
    expect(lines.join("\n")).toMatch(/readable by its owner only/);
  });
});
