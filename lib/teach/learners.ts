// What instructors see of one learner of their class, and what a learner sees of their own tracks.
import type { CurrentUser } from "@/lib/auth/session";
import type { Db } from "@/lib/db";
import { queryPrepared } from "@/lib/db/prepared";
import { listExercises } from "@/lib/lab/exercises/load";
import { requireClassRole } from "./authorize";
import { TeachError } from "./errors";
import { classItems, type GradebookItem } from "./gradebook";
import { cellOf, classProgress, isReached, itemStatus, MASTERED_STABILITY_DAYS, RECALL_WINDOW_DAYS, type Cell, type ItemStatus } from "./progress";

export type ItemProgress = { item: GradebookItem; cell: Cell; status: ItemStatus; reached: boolean };

export type LearnerMemory = {
  /** Cards of the class's review items the learner has. */
  cards: number;
  studied: number;
  mastered: number;
  /** Rating answers on them over the last 30 days, and those not rated Again. */
  reviews: number;
  remembered: number;
  /** Studied cards due now, and due within the next 7 days. */
  dueNow: number;
  dueWeek: number;
};

// The learner's cards of the class's live review items (each card once), with its memory, answers and due load.
const MEMORY_SQL = `
WITH notes AS (
  SELECT DISTINCT n.id, n.ordinals
  FROM "TrackItem" ti JOIN "Track" t ON t.id = ti."trackId" AND t."deletedAt" IS NULL
  JOIN "Note" n ON n."deckId" = ti."deckId" AND n."retiredAt" IS NULL AND (cardinality(ti."noteNumbers") = 0 OR n.number = ANY(ti."noteNumbers"))
  WHERE t."classId" = $1 AND ti.kind = 'REVIEW'::"TrackItemKind"
),
cards AS (SELECT c.* FROM "Card" c JOIN notes ON notes.id = c."noteId" AND c.ordinal = ANY(notes.ordinals) WHERE c."userId" = $2)
SELECT count(*)::int AS cards,
  count(*) FILTER (WHERE state <> 0)::int AS studied,
  count(*) FILTER (WHERE state = 2 AND stability >= ${MASTERED_STABILITY_DAYS})::int AS mastered,
  count(*) FILTER (WHERE state <> 0 AND NOT suspended AND due <= $3::timestamp)::int AS "dueNow",
  count(*) FILTER (WHERE state <> 0 AND NOT suspended AND due <= $3::timestamp + interval '7 days')::int AS "dueWeek",
  (SELECT count(*)::int FROM "ReviewLog" r JOIN cards k ON k.id = r."cardId"
     WHERE r.kind = 'RATING'::"ReviewKind" AND r.review > $3::timestamp - interval '${RECALL_WINDOW_DAYS} days' AND r.review <= $3::timestamp) AS reviews,
  (SELECT count(*)::int FROM "ReviewLog" r JOIN cards k ON k.id = r."cardId"
     WHERE r.kind = 'RATING'::"ReviewKind" AND r.rating <> 1 AND r.review > $3::timestamp - interval '${RECALL_WINDOW_DAYS} days' AND r.review <= $3::timestamp) AS remembered
FROM cards`;

/** An instructor's page on one learner of their class: progress per item, memory, and lab history. */
export async function learnerReport(db: Db, user: CurrentUser, classId: string, learnerId: string, now = new Date()) {
  const access = await requireClassRole(db, user, classId, "instructor");
  const member = await db.classMember.findUnique({
    where: { classId_userId: { classId, userId: learnerId } },
    select: { role: true, joinedAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  if (!member || member.role !== "LEARNER") throw new TeachError(404, "This person is not a learner of the class.", "learner_not_found");
  const [{ items }, cells, memory] = await Promise.all([
    classItems(db, classId),
    classProgress(db, classId, now, [learnerId]),
    queryPrepared<LearnerMemory>(db, "teach-learner-memory", MEMORY_SQL, [classId, learnerId, now]),
  ]);
  const progress = items.map((item) => progressOf(item, cellOf(cells, learnerId, item), now));
  const exerciseIds = [...new Set(items.flatMap((item) => (item.exerciseId ? [item.exerciseId] : [])))];
  const submissions = await db.submission.findMany({
    where: { userId: learnerId, exerciseId: { in: exerciseIds } },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, exerciseId: true, status: true, points: true, maxPoints: true, createdAt: true },
  });
  const titles = new Map(listExercises().map((exercise) => [exercise.id, exercise.title]));
  return {
    access,
    learner: { ...member.user, joinedAt: member.joinedAt },
    progress,
    memory: memory[0]!,
    submissions: submissions.map((submission) => ({ ...submission, exerciseTitle: titles.get(submission.exerciseId) ?? submission.exerciseId })),
    now,
  };
}

function progressOf(item: GradebookItem, cell: Cell, now: Date): ItemProgress {
  return { item, cell, status: itemStatus(item, cell, now), reached: isReached(item, cell) };
}

export const DUE_SOON_MS = 7 * 86_400_000;

/** "My tracks": every class the user learns in, its tracks and their items with the user's progress. */
export async function myTracks(db: Db, user: CurrentUser, now = new Date()) {
  const memberships = await db.classMember.findMany({
    where: { userId: user.id, role: "LEARNER", class: { deletedAt: null } },
    orderBy: { joinedAt: "asc" },
    select: { class: { select: { id: true, name: true, description: true, timeZone: true } } },
  });
  const [studies, classDecks] = await Promise.all([
    db.deckStudy.findMany({ where: { userId: user.id }, select: { deckId: true } }),
    db.deck.findMany({
      where: { retiredAt: null, classId: { in: memberships.map((membership) => membership.class.id) } },
      orderBy: { title: "asc" },
      select: { id: true, slug: true, title: true, classId: true },
    }),
  ]);
  const studied = new Set(studies.map((study) => study.deckId));
  return Promise.all(
    memberships.map(async ({ class: klass }) => {
      const [{ tracks, items }, cells] = await Promise.all([classItems(db, klass.id), classProgress(db, klass.id, now, [user.id])]);
      const progress = items.map((item) => progressOf(item, cellOf(cells, user.id, item), now));
      const open = progress.filter((entry) => !entry.reached);
      return {
        ...klass,
        decks: classDecks.filter((deck) => deck.classId === klass.id),
        tracks: tracks.map((track) => ({ ...track, items: progress.filter((entry) => entry.item.trackId === track.id) })),
        next: open[0] ?? null,
        late: progress.filter((entry) => entry.status === "late" && !entry.reached),
        dueSoon: open.filter((entry) => entry.item.dueAt && entry.item.dueAt > now && entry.item.dueAt.getTime() - now.getTime() <= DUE_SOON_MS),
        /** Assigned decks the learner stopped studying: their cards are not in the daily review. */
        notStudied: [...new Set(items.flatMap((item) => (item.deckId && !studied.has(item.deckId) ? [item.deckId] : [])))],
      };
    }),
  );
}
