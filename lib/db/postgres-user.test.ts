import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closedDirectoryAbove, clusterDirFor, runsAsRoot } from "./postgres-user";

let scratch: string;
beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "latent-pg-user-"));
  process.env.LATENT_POSTGRES_HOME = path.join(scratch, "home");
});
afterEach(() => {
  delete process.env.LATENT_POSTGRES_HOME;
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe("closedDirectoryAbove", () => {
  it("names the first directory above that others cannot enter, and leaves its mode alone", () => {
    fs.chmodSync(scratch, 0o700);
    const inside = path.join(scratch, "clone", ".data", "pg");
    fs.mkdirSync(inside, { recursive: true, mode: 0o755 });
    expect(closedDirectoryAbove(inside)).toBe(scratch);
    fs.chmodSync(scratch, 0o755);
    expect(closedDirectoryAbove(inside)).toBeNull();
  });
});

describe.runIf(runsAsRoot())("clusterDirFor, run as root", () => {
  it("keeps a data directory postgres can reach where it is", () => {
    fs.chmodSync(scratch, 0o755);
    const dataDir = path.join(scratch, "open", "pg");
    expect(clusterDirFor(dataDir)).toBe(dataDir);
  });

  it("places a cluster inside a mode-700 directory under the postgres home, the same at every start, and says so", () => {
    fs.chmodSync(scratch, 0o700);
    const dataDir = path.join(scratch, "clone", ".data", "pg");
    const said: string[] = [];
    const placed = clusterDirFor(dataDir, (line) => said.push(line));
    expect(placed.startsWith(path.join(scratch, "home", "clusters"))).toBe(true);
    expect(path.basename(placed)).toBe("pg");
    expect(clusterDirFor(dataDir)).toBe(placed);
    expect(said.join("\n")).toContain(placed);
    expect(fs.statSync(scratch).mode & 0o777).toBe(0o700);
  });

  it("refuses to move a cluster that already exists out of reach", () => {
    fs.chmodSync(scratch, 0o700);
    const dataDir = path.join(scratch, "clone", ".data", "pg");
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, "PG_VERSION"), "18\n");
    expect(() => clusterDirFor(dataDir)).toThrow(/cannot enter .* where the cluster/);
  });
});
