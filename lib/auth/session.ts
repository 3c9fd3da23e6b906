// Who is asking. Every page, action and route that touches a learner's data starts here (route handlers through
// getApiUser, which reads the request itself: lib/auth/request-session.ts).
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Role } from "@/lib/generated/prisma/enums";
import { sessionClaims, sessionUser, type CurrentSession, type CurrentUser } from "./request-session";

export { decodeSessionToken, getApiUser, requestCookies, type CurrentSession, type CurrentUser } from "./request-session";

/** The signed-in user and their session, read fresh from the database. Cached per request. */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  const jar = await cookies();
  return sessionUser(await sessionClaims(Object.fromEntries(jar.getAll().map((c) => [c.name, c.value]))));
});

/**
 * The signed-in user, read fresh from the database (a deleted account, a changed role or a signed-out session
 * takes effect at once). Cached per request: the layout and the page both ask.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => (await getCurrentSession())?.user ?? null);

/** For pages: the user, or a redirect to sign-in that comes back here. */
export async function requireUser(callbackPath = "/"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return user;
}

const rank: Record<Role, number> = { LEARNER: 0, INSTRUCTOR: 1, ADMIN: 2 };

/** Whether the user's site role is at least `role` (an admin is also an instructor). */
export function hasRole(user: Pick<CurrentUser, "role">, role: Role): boolean {
  return rank[user.role] >= rank[role];
}

/** For pages: the user when their role is at least `role`; otherwise sign-in, or a page saying which role it needs. */
export async function requireRole(role: Role, callbackPath = "/"): Promise<CurrentUser> {
  const user = await requireUser(callbackPath);
  if (!hasRole(user, role)) redirect(`/forbidden?need=${role.toLowerCase()}`);
  return user;
}
