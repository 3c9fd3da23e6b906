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

/** A prepared statement to run later (`name` as for queryPrepared). */
export type PreparedStatement = { name: string; text: string; values: unknown[] };

/**
 * Runs prepared statements in order on one connection, sent together without waiting for each answer (pg's pipeline
 * mode): one round trip instead of one each. Each is still its own transaction, run after the one before has
 * committed, so a later statement sees what an earlier one wrote; one failing does not stop the others. Resolves to
 * each statement's rows, or rejects with the first failure once all have answered.
 */
export async function queryPreparedPipelined(db: Db, statements: readonly PreparedStatement[]): Promise<unknown[][]> {
  const client = (await db.pool.connect()) as pg.PoolClient & { pipeline: boolean };
  // Pipeline mode only for these statements, on a connection no one else holds meanwhile: every other query keeps
  // pg's ordinary one-at-a-time protocol. The flag is read when a query is queued and when an answer completes.
  client.pipeline = true;
  let broken: Error | undefined;
  try {
    // One write to the socket for all of them, not one each: on this project's machines a socket write was the web
    // server's largest single cost under load (docs/benchmarks.md, bench:review's profile).
    const stream = (client as unknown as { connection: { stream: { cork(): void; uncork(): void } } }).connection.stream;
    stream.cork();
    const answers = statements.map(({ name, text, values }) => client.query<pg.QueryResultRow>({ name, text, values: values.map(toParameter), types }));
    stream.uncork();
    const settled = await Promise.allSettled(answers);
    const failed = settled.find((result) => result.status === "rejected");
    if (failed) {
      const error = failed.reason as Error;
      // A statement that failed on the server leaves the connection usable; a broken connection must not return.
      if (!("code" in error) || typeof error.code !== "string" || !/^[0-9A-Z]{5}$/.test(error.code)) broken = error;
      throw error;
    }
    return settled.map((result) => (result as PromiseFulfilledResult<pg.QueryResult>).value.rows);
  } finally {
    client.pipeline = false;
    client.release(broken);
  }
}

/**
 * Runs `text` once, read and sent the same way, unprepared: for reports whose best plan depends on the values (a
 * generic plan of the gradebook's aggregates was measured far slower than a custom one; docs/architecture.md).
 */
export async function queryRows<T>(db: Db, text: string, values: unknown[]): Promise<T[]> {
  const result = await db.pool.query<T & pg.QueryResultRow>({ text, values: values.map(toParameter), types });
  return result.rows;
}
