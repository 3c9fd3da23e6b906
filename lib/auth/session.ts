// Who is asking. Every page, action and route that touches a learner's data starts here.
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { authOptions } from "./options";

export type CurrentUser = { id: string; email: string; name: string | null; role: Role };

/** The signed-in user, read fresh from the database (a deleted account or a changed role takes effect at once). */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  // Raw: this runs on every request, and a raw point read costs a third of a model query here (docs/benchmarks.md).
  const rows = await getDb().$queryRaw<CurrentUser[]>`SELECT id, email, name, role::text AS role FROM "User" WHERE id = ${id}`;
  return rows[0] ?? null;
}

/** For pages: the user, or a redirect to sign-in that comes back here. */
export async function requireUser(callbackPath = "/"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return user;
}

const rank: Record<Role, number> = { LEARNER: 0, INSTRUCTOR: 1, ADMIN: 2 };

export async function requireRole(role: Role, callbackPath = "/"): Promise<CurrentUser> {
  const user = await requireUser(callbackPath);
  if (rank[user.role] < rank[role]) redirect("/?forbidden=1");
  return user;
}

/** For route handlers: the user, or null so the handler can answer 401 itself. */
export const getApiUser = getCurrentUser;
