// Vitest global setup for integration tests: one real PostgreSQL for the run (the external one named by
// DATABASE_URL, else an ephemeral embedded server); each test file creates its own database on it.
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { makeServerTempDir, startEmbeddedPostgres } from "./embedded";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    project.provide("pgAdminUrl", process.env.DATABASE_URL);
    return;
  }
  const dir = makeServerTempDir("latent-test-pg-");
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), ephemeral: true });
  project.provide("pgAdminUrl", server.urlFor("postgres"));
  return async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
