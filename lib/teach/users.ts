// Site roles, managed by admins: who may teach. The first account of an instance is its admin (lib/auth/accounts).
import type { CurrentUser } from "@/lib/auth/session";
import type { Db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { recordAudit } from "./audit";
import { requireSiteRole } from "./authorize";
import { TeachError } from "./errors";

export const USERS_PAGE_SIZE = 50;

export async function listUsers(db: Db, user: CurrentUser, options: { query?: string; page?: number } = {}) {
  requireSiteRole(user, "ADMIN");
  const query = options.query?.trim();
  const where = query ? { OR: [{ email: { contains: query, mode: "insensitive" as const } }, { name: { contains: query, mode: "insensitive" as const } }] } : {};
  const page = Math.max(1, options.page ?? 1);
  const [users, total] = await Promise.all([
    db.user.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      skip: (page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
      select: { id: true, email: true, name: true, role: true, createdAt: true, _count: { select: { classMembers: { where: { role: { in: ["OWNER", "INSTRUCTOR"] } } } } } },
    }),
    db.user.count({ where }),
  ]);
  return { users: users.map(({ _count, ...rest }) => ({ ...rest, teaching: _count.classMembers })), total, page, pages: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)) };
}

/**
 * Makes an account an instructor, or takes it back (their classes stay, but they cannot teach them until it is given
 * again). Admins are not changed here: an admin cannot lose the role by a click, so an instance always keeps one.
 */
export async function setInstructor(db: Db, user: CurrentUser, targetId: string, instructor: boolean) {
  requireSiteRole(user, "ADMIN");
  const target = await db.user.findUnique({ where: { id: targetId }, select: { id: true, role: true } });
  if (!target) throw new TeachError(404, "There is no such account.", "user_not_found");
  if (target.role === "ADMIN") throw new TeachError(409, "This account is an admin; admins can already teach.", "is_admin");
  const role: Role = instructor ? "INSTRUCTOR" : "LEARNER";
  if (target.role === role) return { id: target.id, role, changed: false };
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: target.id }, data: { role } });
    await recordAudit(tx, { classId: null, actorId: user.id, action: "user.role", detail: { userId: target.id, from: target.role, to: role } });
  });
  return { id: target.id, role, changed: true };
}

/** For operators (`npm run users`): set any account's role by email, admin included. */
export async function setRoleByEmail(db: Db, email: string, role: Role, actor = "cli") {
  const target = await db.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true, role: true } });
  if (!target) throw new TeachError(404, `There is no account with the email ${email}.`, "user_not_found");
  if (target.role !== role) {
    await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: target.id }, data: { role } });
      await recordAudit(tx, { classId: null, actorId: actor, action: "user.role", detail: { userId: target.id, from: target.role, to: role } });
    });
  }
  return { id: target.id, from: target.role, to: role };
}
