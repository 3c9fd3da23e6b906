// A learner's draft of an exercise: the code the editor autosaves, one per learner and exercise, at most
// MAX_CODE_BYTES (lib/lab/runner/limits.ts). Server-only.
import type { Db } from "@/lib/db";

export async function getDraft(db: Db, userId: string, exerciseId: string) {
  return db.labDraft.findUnique({ where: { userId_exerciseId: { userId, exerciseId } }, select: { code: true, updatedAt: true } });
}

export async function listDrafts(db: Db, userId: string) {
  return db.labDraft.findMany({ where: { userId }, select: { exerciseId: true, updatedAt: true } });
}

export async function saveDraft(db: Db, userId: string, exerciseId: string, code: string) {
  return db.labDraft.upsert({
    where: { userId_exerciseId: { userId, exerciseId } },
    create: { userId, exerciseId, code },
    update: { code },
    select: { updatedAt: true },
  });
}
