// Who may do what in teaching. Every instructor, learner and admin action of lib/teach starts with one of these:
// the site role (`requireSiteRole`) or the role in a class (`requireClassRole`, and its track/item forms that find
// the class first). They answer 401/403/404 as TeachError, before anything is read or written.
import { hasRole, type CurrentUser } from "@/lib/auth/session";
import type { Db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { TeachError } from "./errors";

/** What a member may do in a class, from least to most: see it and its decks; teach it; also delete it and manage instructors. */
export type ClassRoleName = "learner" | "instructor" | "owner";

const rank: Record<ClassRoleName, number> = { learner: 0, instructor: 1, owner: 2 };
const fromDb = { LEARNER: "learner", INSTRUCTOR: "instructor", OWNER: "owner" } as const;

export type ClassAccess = {
  user: CurrentUser;
  classId: string;
  className: string;
  timeZone: string;
  /** The caller's role here; an admin who is not a member acts as the owner. */
  role: ClassRoleName;
  viaAdmin: boolean;
};

const NOT_FOUND = "There is no such class, or you are not a member of it.";

export function requireSiteRole(user: CurrentUser, role: Role): CurrentUser {
  if (!hasRole(user, role)) {
    throw new TeachError(403, role === "ADMIN" ? "Only an admin can do this." : "Only instructors can do this. An admin can make your account an instructor.", "forbidden");
  }
  return user;
}

/**
 * The caller's access to a live class when it is at least `need`: 404 when the class does not exist, was deleted or
 * the caller is not a member (an instructor of another class included); 403 when they are a member with less. Teaching
 * roles in a class count only while the account is an instructor: an admin taking the role back ends them.
 */
export async function requireClassRole(db: Db, user: CurrentUser, classId: string, need: ClassRoleName): Promise<ClassAccess> {
  const found = await db.class.findFirst({
    where: { id: classId, deletedAt: null },
    select: { id: true, name: true, timeZone: true, members: { where: { userId: user.id }, select: { role: true } } },
  });
  if (!found) throw new TeachError(404, NOT_FOUND, "class_not_found");
  const access = { user, classId: found.id, className: found.name, timeZone: found.timeZone };
  if (user.role === "ADMIN") {
    const member = found.members[0];
    return { ...access, role: member && member.role !== "LEARNER" ? fromDb[member.role] : "owner", viaAdmin: !member || member.role !== "OWNER" };
  }
  const membership = found.members[0];
  if (!membership) throw new TeachError(404, NOT_FOUND, "class_not_found");
  let role: ClassRoleName = fromDb[membership.role];
  if (role !== "learner" && !hasRole(user, "INSTRUCTOR")) role = "learner";
  if (rank[role] < rank[need]) {
    throw new TeachError(403, need === "owner" ? "Only the class's owner can do this." : "Only the class's instructors can do this.", "forbidden");
  }
  return { ...access, role, viaAdmin: false };
}

/** requireClassRole for the class of a live track. */
export async function requireTrackRole(db: Db, user: CurrentUser, trackId: string, need: ClassRoleName) {
  const track = await db.track.findFirst({ where: { id: trackId, deletedAt: null }, select: { classId: true } });
  if (!track) throw new TeachError(404, "There is no such track, or you are not a member of its class.", "track_not_found");
  return requireClassRole(db, user, track.classId, need);
}

/** requireClassRole for the class of an item of a live track. */
export async function requireTrackItemRole(db: Db, user: CurrentUser, itemId: string, need: ClassRoleName) {
  const item = await db.trackItem.findFirst({ where: { id: itemId, track: { deletedAt: null } }, select: { trackId: true, track: { select: { classId: true } } } });
  if (!item) throw new TeachError(404, "There is no such track item, or you are not a member of its class.", "item_not_found");
  return { ...(await requireClassRole(db, user, item.track.classId, need)), trackId: item.trackId };
}
