// The app's Prisma client, one per process (cached on globalThis so dev hot reload does not open a pool per edit).
import { createDb, type Db } from "./client";

const globalForDb = globalThis as unknown as { latentDb?: Db };

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start Latent with `npm start` (embedded PostgreSQL) or set it.");
  return url;
}

export function getDb(): Db {
  globalForDb.latentDb ??= createDb(databaseUrl(), { max: Number(process.env.DATABASE_POOL_SIZE) || 10 });
  return globalForDb.latentDb;
}

export type { Db };
