// Server-side sessions. The session cookie is next-auth's encrypted JWT; it names one AuthSession row (`sid`), and
// is honoured only while that row exists (lib/auth/session.ts reads both in one query). Signing out deletes the
// row, so a copied cookie stops working too; "sign out everywhere" deletes all of a user's rows.
import crypto from "node:crypto";
import type { Db } from "@/lib/db";

/** How long a sign-in lasts, at most: the cookie's lifetime and the row's. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** Records a new sign-in of `userId` and returns its id (the cookie's `sid`). */
export async function startSession(db: Db, userId: string, now = new Date()): Promise<string> {
  const id = crypto.randomBytes(24).toString("base64url");
  await db.$transaction([
    // Sessions past their lifetime are of no use to anyone: each sign-in clears the user's.
    db.authSession.deleteMany({ where: { userId, expiresAt: { lte: now } } }),
    db.authSession.create({ data: { id, userId, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) } }),
  ]);
  return id;
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db.authSession.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of the user (this browser's included); returns how many there were. */
export async function endAllSessions(db: Db, userId: string): Promise<number> {
  return (await db.authSession.deleteMany({ where: { userId } })).count;
}

export type SessionSummary = { id: string; createdAt: Date; expiresAt: Date };

/** The user's live sessions, newest first. */
export async function listSessions(db: Db, userId: string, now = new Date()): Promise<SessionSummary[]> {
  return db.authSession.findMany({
    where: { userId, expiresAt: { gt: now } },
    select: { id: true, createdAt: true, expiresAt: true },
    orderBy: { createdAt: "desc" },
  });
}
