import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

/** Prisma over our own `pg` pool; the pool is also there for the few hot queries run as prepared statements. */
export type Db = PrismaClient & { readonly pool: pg.Pool };

export function createDb(databaseUrl: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.max ?? 10 });
  // An idle connection that breaks (the server restarted, a network blip) is dropped from the pool; without a
  // listener from the start, that would crash the process before Prisma's own listener is attached.
  pool.on("error", (error) => console.error(`[latent] a database connection was lost: ${error.message}`));
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  return Object.assign(client, { pool });
}
