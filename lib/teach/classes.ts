// Classes: created by instructors, joined by learners with a code or an invite link. Deleting a class keeps it
// (deletedAt) and retires its decks: learners' cards, review logs and submissions are never touched.
import type { CurrentUser } from "@/lib/auth/session";
import type { Db } from "@/lib/db";
import { studyAssignedDecks } from "./assign";
import { recordAudit } from "./audit";
import { requireClassRole, requireSiteRole } from "./authorize";
import { TeachError } from "./errors";
import { generateJoinCode, normalizeJoinCode } from "./join-code";

export type ClassFields = { name: string; description: string; timeZone: string };

/** Runs `create` with fresh codes until one is free (a collision is ~1 in 10^11 per class). */
async function withFreshCode<T>(create: (code: string) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await create(generateJoinCode());
    } catch (error) {
      const unique = (error as { code?: string; meta?: { target?: unknown } }).code === "P2002";
      if (!unique || attempt >= 4) throw error;
    }
  }
}

export async function createClass(db: Db, user: CurrentUser, fields: ClassFields) {
  requireSiteRole(user, "INSTRUCTOR");
  return withFreshCode((joinCode) =>
    db.$transaction(async (tx) => {
      const created = await tx.class.create({
        data: { ...fields, joinCode, createdById: user.id, members: { create: { userId: user.id, role: "OWNER" } } },
        select: { id: true, name: true, joinCode: true },
      });
      await recordAudit(tx, { classId: created.id, actorId: user.id, action: "class.create", detail: { ...fields } });
      return created;
    }),
  );
}

export async function updateClass(db: Db, user: CurrentUser, classId: string, fields: Partial<ClassFields>) {
  await requireClassRole(db, user, classId, "instructor");
  return db.$transaction(async (tx) => {
    const before = await tx.class.findUniqueOrThrow({ where: { id: classId }, select: { name: true, description: true, timeZone: true } });
    const after = await tx.class.update({ where: { id: classId }, data: fields, select: { id: true, name: true, description: true, timeZone: true } });
    await recordAudit(tx, { classId, actorId: user.id, action: "class.update", detail: { before, after: fields } });
    return after;
  });
}

/** A new join code; the old one (and its invite link) stops working at once. */
export async function rotateJoinCode(db: Db, user: CurrentUser, classId: string) {
  await requireClassRole(db, user, classId, "instructor");
  return withFreshCode((joinCode) =>
    db.$transaction(async (tx) => {
      const updated = await tx.class.update({ where: { id: classId }, data: { joinCode }, select: { joinCode: true } });
      await recordAudit(tx, { classId, actorId: user.id, action: "class.rotate-code", detail: {} });
      return updated;
    }),
  );
}

export async function deleteClass(db: Db, user: CurrentUser, classId: string) {
  await requireClassRole(db, user, classId, "owner");
  const now = new Date();
  await db.$transaction(async (tx) => {
    await tx.class.update({ where: { id: classId }, data: { deletedAt: now } });
    // Its decks leave every queue and page; their notes, and the cards and history of them, stay.
    await tx.deck.updateMany({ where: { classId, retiredAt: null }, data: { retiredAt: now } });
    await recordAudit(tx, { classId, actorId: user.id, action: "class.delete", detail: {} });
  });
}

const NO_SUCH_CODE = "No class has this code. Check it with your instructor: codes can be changed, and the old one then stops working.";

/** What the join page shows before the learner confirms: only for a valid code of a live class. */
export async function previewJoin(db: Db, user: CurrentUser, code: string) {
  const joinCode = normalizeJoinCode(code);
  if (!joinCode) throw new TeachError(404, NO_SUCH_CODE, "code_not_found");
  const found = await db.class.findFirst({
    where: { joinCode, deletedAt: null },
    select: {
      id: true,
      name: true,
      description: true,
      members: { where: { OR: [{ userId: user.id }, { role: { in: ["OWNER", "INSTRUCTOR"] } }] }, select: { userId: true, role: true, user: { select: { name: true, email: true } } } },
    },
  });
  if (!found) throw new TeachError(404, NO_SUCH_CODE, "code_not_found");
  const mine = found.members.find((member) => member.userId === user.id);
  return {
    id: found.id,
    name: found.name,
    description: found.description,
    instructors: found.members.filter((member) => member.role !== "LEARNER").map((member) => member.user.name || member.user.email),
    membership: mine ? mine.role : null,
  };
}

/** Joins as a learner; the class's assigned decks become studied and their cards are created. Joining twice is harmless. */
export async function joinClass(db: Db, user: CurrentUser, code: string) {
  const joinCode = normalizeJoinCode(code);
  if (!joinCode) throw new TeachError(404, NO_SUCH_CODE, "code_not_found");
  const found = await db.class.findFirst({ where: { joinCode, deletedAt: null }, select: { id: true, name: true } });
  if (!found) throw new TeachError(404, NO_SUCH_CODE, "code_not_found");
  return db.$transaction(async (tx) => {
    const existing = await tx.classMember.findUnique({ where: { classId_userId: { classId: found.id, userId: user.id } }, select: { role: true } });
    if (existing) return { classId: found.id, name: found.name, joined: false, role: existing.role };
    await tx.classMember.create({ data: { classId: found.id, userId: user.id, role: "LEARNER" } });
    await studyAssignedDecks(tx, found.id, { userId: user.id });
    await recordAudit(tx, { classId: found.id, actorId: user.id, action: "member.join", detail: { userId: user.id } });
    return { classId: found.id, name: found.name, joined: true, role: "LEARNER" as const };
  });
}

/** A member leaves; the class's own decks leave their review (their cards and history stay, and come back if they rejoin). */
async function endMembership(tx: Parameters<Parameters<Db["$transaction"]>[0]>[0], classId: string, userId: string) {
  await tx.classMember.delete({ where: { classId_userId: { classId, userId } } });
  await tx.deckStudy.deleteMany({ where: { userId, deck: { classId } } });
}

export async function leaveClass(db: Db, user: CurrentUser, classId: string) {
  const access = await requireClassRole(db, user, classId, "learner");
  const membership = await db.classMember.findUnique({ where: { classId_userId: { classId, userId: user.id } }, select: { role: true } });
  if (!membership) throw new TeachError(404, "You are not a member of this class.", "not_a_member");
  if (membership.role === "OWNER") throw new TeachError(409, "The owner cannot leave the class. Delete it instead, or ask an admin.", "owner_cannot_leave");
  await db.$transaction(async (tx) => {
    await endMembership(tx, classId, user.id);
    await recordAudit(tx, { classId, actorId: user.id, action: "member.leave", detail: { userId: user.id, role: membership.role } });
  });
  return { classId: access.classId };
}

/** Removes a learner (any instructor) or a co-instructor (the owner). The owner cannot be removed. */
export async function removeMember(db: Db, user: CurrentUser, classId: string, memberId: string) {
  const access = await requireClassRole(db, user, classId, "instructor");
  const target = await db.classMember.findUnique({ where: { classId_userId: { classId, userId: memberId } }, select: { role: true } });
  if (!target) throw new TeachError(404, "This person is not a member of the class.", "member_not_found");
  if (target.role === "OWNER") throw new TeachError(409, "The class's owner cannot be removed.", "owner_cannot_be_removed");
  if (target.role === "INSTRUCTOR" && access.role !== "owner") throw new TeachError(403, "Only the class's owner can remove an instructor.", "forbidden");
  await db.$transaction(async (tx) => {
    await endMembership(tx, classId, memberId);
    await recordAudit(tx, { classId, actorId: user.id, action: target.role === "LEARNER" ? "member.remove" : "instructor.remove", detail: { userId: memberId } });
  });
}

/** The owner adds a co-instructor by email: an account that is an instructor (or admin) on this instance. */
export async function addCoInstructor(db: Db, user: CurrentUser, classId: string, email: string) {
  await requireClassRole(db, user, classId, "owner");
  const target = await db.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true, role: true, name: true, email: true } });
  if (!target || target.role === "LEARNER") {
    throw new TeachError(404, "There is no instructor account with this email. An admin can make an account an instructor on the admin page.", "instructor_not_found");
  }
  const existing = await db.classMember.findUnique({ where: { classId_userId: { classId, userId: target.id } }, select: { role: true } });
  if (existing && existing.role !== "LEARNER") throw new TeachError(409, `${target.name || target.email} already teaches this class.`, "already_instructor");
  await db.$transaction(async (tx) => {
    await tx.classMember.upsert({
      where: { classId_userId: { classId, userId: target.id } },
      create: { classId, userId: target.id, role: "INSTRUCTOR" },
      update: { role: "INSTRUCTOR" },
    });
    await recordAudit(tx, { classId, actorId: user.id, action: "instructor.add", detail: { userId: target.id, wasLearner: existing?.role === "LEARNER" } });
  });
  return { userId: target.id, name: target.name, email: target.email };
}

/** The classes a user teaches (an admin: every live class), newest first, with their counts. */
export async function listTeachingClasses(db: Db, user: CurrentUser) {
  if (user.role === "LEARNER") return [];
  const classes = await db.class.findMany({
    where: { deletedAt: null, ...(user.role === "ADMIN" ? {} : { members: { some: { userId: user.id, role: { in: ["OWNER", "INSTRUCTOR"] } } } }) },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      description: true,
      joinCode: true,
      members: { where: { userId: user.id }, select: { role: true } },
      _count: { select: { members: { where: { role: "LEARNER" } }, tracks: { where: { deletedAt: null } } } },
    },
  });
  return classes.map(({ _count, members, ...rest }) => ({ ...rest, learnerCount: _count.members, trackCount: _count.tracks, myRole: members[0]?.role ?? null }));
}

/** Everything the class page shows an instructor: the class, its members, tracks and decks. */
export async function getClassOverview(db: Db, user: CurrentUser, classId: string) {
  const access = await requireClassRole(db, user, classId, "instructor");
  const found = await db.class.findUniqueOrThrow({
    where: { id: classId },
    select: {
      id: true,
      name: true,
      description: true,
      timeZone: true,
      joinCode: true,
      createdAt: true,
      members: { orderBy: [{ role: "desc" }, { joinedAt: "asc" }], select: { role: true, joinedAt: true, user: { select: { id: true, name: true, email: true } } } },
      tracks: {
        where: { deletedAt: null },
        orderBy: { position: "asc" },
        select: { id: true, title: true, description: true, _count: { select: { items: true } }, items: { select: { dueAt: true } } },
      },
      decks: {
        where: { retiredAt: null },
        orderBy: { title: "asc" },
        select: { id: true, slug: true, title: true, sourcePath: true, updatedAt: true, _count: { select: { notes: { where: { retiredAt: null } } } } },
      },
    },
  });
  return { access, ...found };
}
