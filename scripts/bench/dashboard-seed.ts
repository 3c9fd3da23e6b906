// The dashboard benchmark's data: a learner with 5,000 cards and 100,000 review log entries over two years, four
// other learners with 25,000 each, lab submissions and lab reschedules. Random but seeded (setseed).
import { createUser } from "@/lib/auth/accounts";
import { importContent } from "@/lib/content/import";
import type { Db } from "@/lib/db/client";
import { labExercises } from "@/lib/lab/exercises/catalog";
import { ensureCards } from "@/lib/review/cards";

export const CARDS = 5000;
export const LOGS = 100_000;
const OTHERS = 4;
const OTHER_LOGS = 25_000;
export const TIME_ZONE = "America/New_York";
export const ROLLOVER = 4;

async function seedLearner(db: Db, email: string, logs: number, now: Date): Promise<string> {
  const user = await createUser(db, { email });
  await db.srsSettings.create({
    data: { userId: user.id, desiredRetention: 0.9, newPerDay: 20, maxReviewsPerDay: 200, learningSteps: "1m 10m", relearningSteps: "10m", maximumInterval: 36500, enableFuzz: true, rolloverHour: ROLLOVER, timeZone: TIME_ZONE },
  });
  await ensureCards(db, user.id, new Date(now.getTime() - 800 * 86_400_000));
  // Cards: ~10 % new, 4 % learning, 3 % relearning, the rest in review with log-spread stabilities; 2 % suspended.
  await db.$executeRaw`
    UPDATE "Card" SET
      state = s.state,
      stability = CASE WHEN s.state = 0 THEN 0 ELSE exp(random() * 7 - 1) END,
      difficulty = CASE WHEN s.state = 0 THEN 0 ELSE 1 + random() * 9 END,
      "scheduledDays" = CASE WHEN s.state = 2 THEN floor(exp(random() * 6))::int ELSE 0 END,
      "lastReview" = CASE WHEN s.state = 0 THEN NULL ELSE ${now}::timestamp - random() * interval '200 days' END,
      due = CASE WHEN s.state = 0 THEN due WHEN s.state IN (1, 3) THEN ${now}::timestamp + (random() - 0.5) * interval '1 day'
                 ELSE ${now}::timestamp + (random() * 70 - 10) * interval '1 day' END,
      reps = CASE WHEN s.state = 0 THEN 0 ELSE 1 + floor(random() * 20)::int END,
      suspended = random() < 0.02
    FROM (SELECT id, CASE WHEN r < 0.10 THEN 0 WHEN r < 0.14 THEN 1 WHEN r < 0.17 THEN 3 ELSE 2 END AS state
          FROM (SELECT id, random() AS r FROM "Card" WHERE "userId" = ${user.id}) x) s
    WHERE "Card".id = s.id`;
  // Review log: two years, more recent days busier, ~12 % Again; the card's state before each answer varies.
  await db.$executeRaw`
    WITH cards AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "Card" WHERE "userId" = ${user.id}),
    events AS (
      SELECT 1 + floor(random() * ${CARDS})::int AS n, random() AS s, random() AS r,
        ${now}::timestamp - floor(power(random(), 1.3) * 730) * interval '1 day' - random() * interval '16 hours' AS at
      FROM generate_series(1, ${logs})
    )
    INSERT INTO "ReviewLog" (id, "cardId", "userId", kind, rating, state, due, stability, difficulty, "elapsedDays",
      "lastElapsedDays", "scheduledDays", "learningSteps", review, "durationMs", "prevDue", "prevReps", "prevLapses", "cardVersion", "studyDay")
    SELECT gen_random_uuid()::text, c.id, ${user.id}, 'RATING'::"ReviewKind",
      CASE WHEN e.r < 0.12 THEN 1 WHEN e.r < 0.22 THEN 2 WHEN e.r < 0.9 THEN 3 ELSE 4 END,
      CASE WHEN e.s < 0.12 THEN 0 WHEN e.s < 0.2 THEN 1 WHEN e.s < 0.25 THEN 3 ELSE 2 END,
      e.at, 5, 5, 3, 3, CASE WHEN e.s >= 0.25 THEN floor(exp(random() * 6))::int ELSE 0 END, 0,
      e.at, 2000 + floor(random() * 18000)::int, e.at, 3, 0, 1,
      (((e.at AT TIME ZONE 'UTC') AT TIME ZONE ${TIME_ZONE}) - make_interval(hours => ${ROLLOVER}))::date
    FROM events e JOIN cards c ON c.n = e.n`;
  return user.id;
}

async function seedLab(db: Db, userId: string, now: Date) {
  for (const [i, exercise] of labExercises().entries()) {
    for (let k = 0; k < 3 + (i % 5) * 3; k++) {
      const status = k === 2 + (i % 5) * 3 && i % 3 !== 0 ? "pass" : k % 4 === 3 ? "error" : "fail";
      await db.submission.create({
        data: { userId, exerciseId: exercise.id, code: "// bench", status, points: status === "pass" ? 12 : k, maxPoints: 12, results: {}, backend: "webgl", durationMs: 900, createdAt: new Date(now.getTime() - (200 - i * 10 - k) * 86_400_000) },
      });
    }
  }
  await db.$executeRaw`
    INSERT INTO "ReviewLog" (id, "cardId", "userId", kind, rating, state, due, stability, difficulty, "elapsedDays",
      "lastElapsedDays", "scheduledDays", "learningSteps", review, "durationMs", "prevDue", "prevReps", "prevLapses", "cardVersion", reason, "studyDay")
    SELECT gen_random_uuid()::text, c.id, c."userId", 'LAB'::"ReviewKind", NULL, 2, ${now}::timestamp, 5, 5, 3, 3, 3, 0,
      ${now}::timestamp - g * interval '1 day', 0, ${now}::timestamp, 3, 0, 1, 'Back today: your submission failed a test.',
      (((${now}::timestamp - g * interval '1 day') AT TIME ZONE 'UTC') AT TIME ZONE ${TIME_ZONE} - make_interval(hours => ${ROLLOVER}))::date
    FROM generate_series(1, 300) g
    JOIN LATERAL (SELECT id, "userId" FROM "Card" WHERE "userId" = ${userId} ORDER BY id OFFSET (g * 7) % 40 LIMIT 1) c ON true`;
}

/** Seeds a migrated, empty database; returns the learner's id and the bench deck's id. */
export async function seedDashboard(db: Db, now: Date): Promise<{ learner: string; deckId: string }> {
  await importContent(db);
  const real = await db.note.count({ where: { retiredAt: null } });
  // A second deck brings the learner to 5,000 cards.
  const bench = await db.deck.create({ data: { slug: "bench", title: "Bench deck", tags: [], sourcePath: "content/bench.md", contentHash: "bench" } });
  await db.$executeRaw`
    INSERT INTO "Note" (id, "deckId", number, position, question, "answerMarkdown", "answerHtml", "sourceLine", "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, ${bench.id}, g, g, 'Synthetic question ' || g || '?', 'Answer', '<p>Answer</p>', g, now(), now()
    FROM generate_series(1, ${CARDS - real}) g`;
  await db.$executeRaw`SELECT setseed(0.42)`;
  const learner = await seedLearner(db, "learner@example.com", LOGS, now);
  for (let i = 0; i < OTHERS; i++) await seedLearner(db, `other-${i}@example.com`, OTHER_LOGS, now);
  await seedLab(db, learner, now);
  // A live database has planner statistics and a visibility map from autovacuum; a bulk-loaded one has neither.
  await db.$executeRawUnsafe("VACUUM ANALYZE");
  return { learner, deckId: bench.id };
}
