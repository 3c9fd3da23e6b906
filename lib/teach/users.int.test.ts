// Site roles: admins make accounts instructors (or take it back) on the admin page; operators set any role by email.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/session";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { listAudit } from "./audit";
import { requireClassRole } from "./authorize";
import { createClass } from "./classes";
import { makeUser } from "./testing";
import { listUsers, setInstructor, setRoleByEmail } from "./users";

let t: TestDatabase;
let admin: CurrentUser;
let ada: CurrentUser;

beforeAll(async () => {
  t = await createTestDatabase();
  admin = await makeUser(t.db, "admin@example.com", "ADMIN");
  ada = await makeUser(t.db, "ada@example.com", "LEARNER", "Ada");
});
afterAll(async () => t.drop());

describe("site roles", () => {
  it("the first account is the admin", async () => {
    expect((await t.db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: ada.id } })).role).toBe("LEARNER");
  });

  it("an admin makes an account an instructor and takes it back; the change is audited; their classes wait for them", async () => {
    await setInstructor(t.db, admin, ada.id, true);
    const teacher = { ...ada, role: "INSTRUCTOR" as const };
    const klass = await createClass(t.db, teacher, { name: "Ada's class", description: "", timeZone: "UTC" });
    await setInstructor(t.db, admin, ada.id, false);
    const demoted = { ...ada, role: "LEARNER" as const };
    await expect(requireClassRole(t.db, demoted, klass.id, "instructor")).rejects.toMatchObject({ status: 403 });
    await setInstructor(t.db, admin, ada.id, true);
    expect((await requireClassRole(t.db, teacher, klass.id, "owner")).role).toBe("owner");
    const roles = await t.db.teachAudit.findMany({ where: { action: "user.role" }, orderBy: { createdAt: "asc" } });
    expect(roles.map((entry) => (entry.detail as { to: string }).to)).toEqual(["INSTRUCTOR", "LEARNER", "INSTRUCTOR"]);
    expect(roles.every((entry) => entry.actorId === admin.id && entry.classId === null)).toBe(true);
    expect((await listAudit(t.db, klass.id)).map((entry) => entry.action)).toEqual(["class.create"]);
  });

  it("an admin's role is not changed from the admin page; an operator can change any role by email", async () => {
    const other = await makeUser(t.db, "other-admin@example.com", "ADMIN");
    await expect(setInstructor(t.db, admin, other.id, false)).rejects.toMatchObject({ status: 409 });
    await expect(setInstructor(t.db, admin, "no-such-id", true)).rejects.toMatchObject({ status: 404 });
    expect(await setRoleByEmail(t.db, "OTHER-ADMIN@example.com", "LEARNER")).toMatchObject({ from: "ADMIN", to: "LEARNER" });
    await expect(setRoleByEmail(t.db, "nobody@example.com", "ADMIN")).rejects.toMatchObject({ status: 404 });
  });

  it("lists and finds accounts for admins only", async () => {
    const found = await listUsers(t.db, admin, { query: "ADA" });
    expect(found.users.map((user) => user.email)).toEqual(["ada@example.com"]);
    expect(found.users[0]!.teaching).toBe(1);
    await expect(listUsers(t.db, ada)).rejects.toMatchObject({ status: 403 });
  });
});
