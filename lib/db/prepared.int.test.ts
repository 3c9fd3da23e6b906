import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/accounts";
import { queryPrepared } from "./prepared";
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
