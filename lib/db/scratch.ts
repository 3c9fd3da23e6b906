// A throwaway PostgreSQL: the external one named by DATABASE_URL, or an ephemeral embedded server.
import fs from "node:fs";
import path from "node:path";
import { makeServerTempDir, startEmbeddedPostgres } from "./embedded";

export async function withScratchServer<T>(work: (adminUrl: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return work(process.env.DATABASE_URL);
  const dataDir = makeServerTempDir("latent-pg-");
  const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "data"), ephemeral: true });
  try {
    return await work(server.urlFor("postgres"));
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
