// Named prepared statements for the hottest queries (the review queue runs on every answer). PostgreSQL then parses
// each once per connection and, after a few runs, reuses a generic plan, where Prisma's raw queries are planned
// anew every time (measured: planning the queue's candidate query cost more than executing it; docs/benchmarks.md).
import pg from "pg";
import type { Db } from "./client";

const TIMESTAMP = 1114; // timestamp without time zone: Prisma's DateTime, stored in UTC
const INT8 = 20; // count(*)

// Read as Prisma reads them: a timestamp is UTC (never the server's local time), a count a number.
function getTypeParser(oid: number, format?: "text" | "binary"): (value: string) => unknown {
  if (oid === TIMESTAMP) return (value) => new Date(`${value.replace(" ", "T")}Z`);
  if (oid === INT8) return (value) => Number(value);
  return pg.types.getTypeParser(oid, format ?? "text") as (value: string) => unknown;
}
const types = { getTypeParser } as pg.CustomTypesConfig;

// A Date is sent as its UTC wall time: `pg` would otherwise send local time with an offset, which a comparison
// with a timestamp-without-time-zone column silently drops.
function toParameter(value: unknown): unknown {
  return value instanceof Date ? value.toISOString().replace("Z", "") : value;
}

/** Runs `text` as the prepared statement `name` (one name per text, for the life of the process). */
export async function queryPrepared<T>(db: Db, name: string, text: string, values: unknown[]): Promise<T[]> {
  const result = await db.pool.query<T & pg.QueryResultRow>({ name, text, values: values.map(toParameter), types });
  return result.rows;
}

/**
 * Runs `text` once, read and sent the same way, unprepared: for reports whose best plan depends on the values (a
 * generic plan of the gradebook's aggregates was measured far slower than a custom one; docs/architecture.md).
 */
export async function queryRows<T>(db: Db, text: string, values: unknown[]): Promise<T[]> {
  const result = await db.pool.query<T & pg.QueryResultRow>({ text, values: values.map(toParameter), types });
  return result.rows;
}
