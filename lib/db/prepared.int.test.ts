import net from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createUser } from "@/lib/auth/accounts";
import { createDb } from "./client";
import { queryPrepared, queryPreparedPipelined } from "./prepared";
import { createTestDatabase, type TestDatabase } from "./testing";

let t: TestDatabase;
const savedTz = process.env.TZ;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.TZ = "America/New_York"; // a server whose local time is not UTC must read and compare the same
});
afterAll(async () => {
  process.env.TZ = savedTz;
  await t.drop();
});

describe("queryPrepared", () => {
  it("reads and compares timestamps exactly as Prisma stores them, whatever the process's time zone", async () => {
    const at = new Date("2026-03-08T06:59:59.123Z"); // just before New York's clocks change
    const user = await createUser(t.db, { email: "tz@example.com" });
    await t.db.user.update({ where: { id: user.id }, data: { createdAt: at } });
    const sql = `SELECT "createdAt", count(*) OVER () AS n FROM "User" WHERE id = $1 AND "createdAt" < $2`;
    const before = await queryPrepared<{ createdAt: Date; n: number }>(t.db, "test-created-before", sql, [user.id, new Date(at.getTime() + 1)]);
    expect(before).toEqual([{ createdAt: at, n: 1 }]);
    expect(await queryPrepared(t.db, "test-created-before", sql, [user.id, at])).toEqual([]);
    const viaPrisma = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(viaPrisma.createdAt).toEqual(before[0]!.createdAt);
  });
});

describe("queryPreparedPipelined", () => {
  it("runs statements in order in one round trip: a later one sees what an earlier one wrote", async () => {
    const user = await createUser(t.db, { email: "pipe@example.com" });
    const [updated, read] = await queryPreparedPipelined(t.db, [
      { name: "test-pipe-rename", text: `UPDATE "User" SET name = $2 WHERE id = $1 RETURNING name`, values: [user.id, "Piped"] },
      { name: "test-pipe-read", text: `SELECT name FROM "User" WHERE id = $1`, values: [user.id] },
    ]);
    expect(updated).toEqual([{ name: "Piped" }]);
    expect(read).toEqual([{ name: "Piped" }]);
  });

  it("sends every statement before the first one's answer arrives", async () => {
    type QueryPrototype = { text: string; submit(...args: unknown[]): unknown; handleReadyForQuery(...args: unknown[]): unknown };
    const prototype = (pg as unknown as { Query: { prototype: QueryPrototype } }).Query.prototype;
    const { submit, handleReadyForQuery } = prototype;
    const events: string[] = [];
    const sent = vi.spyOn(prototype, "submit").mockImplementation(function (this: QueryPrototype, ...args) {
      events.push(`sent ${this.text}`);
      return submit.apply(this, args);
    });
    const answered = vi.spyOn(prototype, "handleReadyForQuery").mockImplementation(function (this: QueryPrototype, ...args) {
      events.push(`answered ${this.text}`);
      return handleReadyForQuery.apply(this, args);
    });
    const socket = net.Socket.prototype as unknown as { _writev(...args: unknown[]): unknown };
    const writev = socket._writev;
    const written = vi.spyOn(socket, "_writev").mockImplementation(function (this: unknown, ...args) {
      events.push("socket write");
      return writev.apply(this, args);
    });
    try {
      await queryPreparedPipelined(t.db, [
        { name: "test-pipe-slow", text: `SELECT pg_sleep(0.1)::text AS slept`, values: [] },
        { name: "test-pipe-fast", text: `SELECT 2 AS n`, values: [] },
      ]);
    } finally {
      sent.mockRestore();
      answered.mockRestore();
      written.mockRestore();
    }
    // Both in one write to the socket (a write was the web server's largest single cost under load).
    expect(events).toEqual(["sent SELECT pg_sleep(0.1)::text AS slept", "sent SELECT 2 AS n", "socket write", "answered SELECT pg_sleep(0.1)::text AS slept", "answered SELECT 2 AS n"]);
  });

  it("reports a failing statement, still runs the others, and leaves its connection working as before", async () => {
    const db = createDb(t.url, { max: 1 }); // one connection: every query below uses the one the pipeline used
    try {
      const user = await createUser(db, { email: "pipe-fail@example.com" });
      const failing = queryPreparedPipelined(db, [
        { name: "test-pipe-duplicate", text: `INSERT INTO "User" (id, email, "updatedAt") VALUES ($1, $2, now())`, values: [user.id, "other@example.com"] },
        { name: "test-pipe-after", text: `UPDATE "User" SET name = 'after' WHERE id = $1`, values: [user.id] },
      ]);
      await expect(failing).rejects.toMatchObject({ code: "23505" });
      expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("after");
      // The connection answers one statement at a time again, in order, Prisma's and ours alike.
      const [a, b] = await Promise.all([queryPrepared(db, "test-pipe-one", `SELECT 1 AS n`, []), db.user.count()]);
      expect(a).toEqual([{ n: 1 }]);
      expect(b).toBeGreaterThan(0);
      expect(await queryPrepared(db, "test-pipe-after-read", `SELECT name FROM "User" WHERE id = $1`, [user.id])).toEqual([{ name: "after" }]);
    } finally {
      await db.$disconnect();
    }
  });
});
