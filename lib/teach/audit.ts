// The teaching audit log: who changed what, and when. Written in the same transaction as the change it records.
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

export type AuditEntry = {
  classId: string | null;
  trackId?: string | null;
  actorId: string;
  action: string;
  detail: Record<string, unknown>;
};

export async function recordAudit(tx: Db | Tx, entry: AuditEntry): Promise<void> {
  await tx.teachAudit.create({
    data: { classId: entry.classId, trackId: entry.trackId ?? null, actorId: entry.actorId, action: entry.action, detail: entry.detail as Prisma.InputJsonValue },
  });
}

export type AuditRecord = { id: string; action: string; trackId: string | null; detail: Record<string, unknown>; createdAt: Date; actor: string };

/** The newest entries of a class (or one of its tracks), with the actor's name or email. */
export async function listAudit(db: Db, classId: string, options: { trackId?: string; limit?: number } = {}): Promise<AuditRecord[]> {
  const rows = await db.teachAudit.findMany({
    where: { classId, ...(options.trackId ? { trackId: options.trackId } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit ?? 50,
  });
  const actors = await db.user.findMany({ where: { id: { in: [...new Set(rows.map((row) => row.actorId))] } }, select: { id: true, name: true, email: true } });
  const names = new Map(actors.map((actor) => [actor.id, actor.name || actor.email]));
  return rows.map((row) => ({
    id: row.id,
    action: row.action,
    trackId: row.trackId,
    detail: row.detail as Record<string, unknown>,
    createdAt: row.createdAt,
    actor: names.get(row.actorId) ?? row.actorId,
  }));
}
