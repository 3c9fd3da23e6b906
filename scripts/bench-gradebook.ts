// npm run bench:gradebook [-- --learners 500 --runs 60]
// Seeds a class on a fresh embedded PostgreSQL — 500 learners, 10 track items (6 review items over 3 decks of 40
// notes, 4 lab items), 60,000 cards, 200,000 review logs and 5,000 submissions — then times the gradebook's page data
// (lib/teach/gradebook.ts's loadGradebook: SQL aggregates for every learner at once) and the CSV export, in process,
// as the server computes them. Prints p50/p95, and the statements one gradebook load sends (constant in learners).
import path from "node:path";
import { Client as PgClient } from "pg";
import { createDb } from "@/lib/db/client";
import { ensureDatabaseExists, makeServerTempDir, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { gradebookCsv, loadGradebook } from "@/lib/teach/gradebook";
import { classProgress, keepGoalsAtDue, PROGRESS_SQL, reviewShares } from "@/lib/teach/progress";
import { percentile } from "./bench/http";
import { runMain } from "./bench/main";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const LEARNERS = Number(arg("learners", "500"));
const RUNS = Number(arg("runs", "60"));
const LOGS = 200_000;
const SUBMISSIONS = 5_000;
const NOTES_PER_DECK = 40;
const NOW = new Date();

async function main() {
  const tmp = makeServerTempDir("latent-bench-gradebook-");
  const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), ephemeral: true });
  await ensureDatabaseExists(pg.urlFor("postgres"), "bench");
  const url = pg.urlFor("bench");
  await migrate(url);
  const db = createDb(url, { max: 10 }); // the app's default pool (DATABASE_POOL_SIZE)
  try {
    const seeded = performance.now();
    const classId = await seed(db);
    console.log(`Seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s: ${await counts(db)}`);
    const owner = { id: "owner", email: "owner@example.com", name: "Owner", role: "INSTRUCTOR" as const };
    if (process.argv.includes("--explain")) {
      // Where the time goes: PostgreSQL's plans of the two aggregate queries, as run.
      for (const [name, sql] of Object.entries(PROGRESS_SQL)) {
        const client = await db.pool.connect();
        await client.query("BEGIN");
        if (process.env.WORK_MEM) await client.query(`SET LOCAL work_mem = '${process.env.WORK_MEM}'`);
        // The review query runs once per share of the learners (the first share's plan); the kept results' fourth
        // parameter is the real clock.
        const learners = name === "review" ? (await reviewShares(db, classId, null))[0] : null;
        const extra = name === "keptDue" ? [new Date()] : [];
        const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, [classId, NOW.toISOString().replace("Z", ""), learners, ...extra]);
        await client.query("COMMIT");
        client.release();
        console.log(`--- ${name}\n${plan.rows.map((row: Record<string, string>) => row["QUERY PLAN"]).join("\n")}`);
      }
    }

    // Statements per load, counted where every statement leaves this process (the ORM's included): pg's Client#query.
    for (let i = 0; i < 5; i++) await loadGradebook(db, owner, classId, {}, NOW); // warm-up: plans, caches, JIT
    let sent = 0;
    const query = PgClient.prototype.query;
    PgClient.prototype.query = function (this: PgClient, ...args: unknown[]) {
      sent++;
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    await loadGradebook(db, owner, classId, {}, NOW);
    PgClient.prototype.query = query;
    const statements = sent;

    const page: number[] = [];
    const sorts = [{}, { sort: "learner", dir: "desc" as const }, { lateOnly: true }];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const book = await loadGradebook(db, owner, classId, sorts[i % sorts.length], NOW);
      page.push(performance.now() - started);
      rows = Math.max(rows, book.rows.length);
    }
    // The two aggregate queries alone, and a reference scan of the review log (200,000 rows), to compare machines.
    const progress: number[] = [];
    const reference: number[] = [];
    for (let i = 0; i < Math.max(10, RUNS / 3); i++) {
      let started = performance.now();
      await classProgress(db, classId, NOW);
      progress.push(performance.now() - started);
      started = performance.now();
      await db.pool.query(`SELECT count(*), sum(stability) FROM "ReviewLog"`);
      reference.push(performance.now() - started);
    }
    const csv: number[] = [];
    let bytes = 0;
    for (let i = 0; i < Math.max(10, RUNS / 3); i++) {
      const started = performance.now();
      const text = gradebookCsv(await loadGradebook(db, owner, classId, {}, NOW));
      csv.push(performance.now() - started);
      bytes = Buffer.byteLength(text);
    }
    // The first load after deadlines pass: nothing kept yet, so it reads the review log after each due instant for
    // every learner (and keeps the results for the loads after it).
    const cold: number[] = [];
    for (let i = 0; i < 10; i++) {
      await db.$executeRawUnsafe(`DELETE FROM "TrackItemDueResult"`);
      const started = performance.now();
      await loadGradebook(db, owner, classId, {}, NOW);
      cold.push(performance.now() - started);
    }
    // What the teach.keep-due job does at a due instant (every learner's count computed and kept), off any request.
    const job: number[] = [];
    for (let i = 0; i < 10; i++) {
      await db.$executeRawUnsafe(`DELETE FROM "TrackItemDueResult"`);
      const started = performance.now();
      await keepGoalsAtDue(db, classId);
      job.push(performance.now() - started);
    }
    for (const list of [page, csv, progress, reference, cold, job]) list.sort((a, b) => a - b);
    console.log(`bench:gradebook — ${LEARNERS} learners × 10 items, Node ${process.version}, ${RUNS} loads`);
    console.log(`page data (loadGradebook): p50 ${percentile(page, 50).toFixed(1)} ms, p95 ${percentile(page, 95).toFixed(1)} ms, max ${page[page.length - 1]!.toFixed(1)} ms; ${rows} rows; ${statements} statements per load`);
    console.log(`first load after deadlines (nothing kept): p50 ${percentile(cold, 50).toFixed(1)} ms, p95 ${percentile(cold, 95).toFixed(1)} ms`);
    console.log(`the job at a due instant (keep every learner's count): p50 ${percentile(job, 50).toFixed(1)} ms, p95 ${percentile(job, 95).toFixed(1)} ms`);
    console.log(`CSV export (load + CSV):   p50 ${percentile(csv, 50).toFixed(1)} ms, p95 ${percentile(csv, 95).toFixed(1)} ms; ${(bytes / 1024).toFixed(0)} KB`);
    console.log(`of which the aggregate queries: p50 ${percentile(progress, 50).toFixed(1)} ms, p95 ${percentile(progress, 95).toFixed(1)} ms`);
    console.log(`reference: one scan of the 200,000 review logs p50 ${percentile(reference, 50).toFixed(1)} ms (compare machines with it)`);
  } finally {
    await db.$disconnect().catch(() => undefined);
    await pg.stop();
  }
}

async function counts(db: ReturnType<typeof createDb>): Promise<string> {
  const [row] = await db.$queryRaw<Array<Record<string, bigint>>>`
    SELECT (SELECT count(*) FROM "ClassMember" WHERE role = 'LEARNER') AS learners, (SELECT count(*) FROM "TrackItem") AS items,
      (SELECT count(*) FROM "Card") AS cards, (SELECT count(*) FROM "ReviewLog") AS logs, (SELECT count(*) FROM "Submission") AS submissions`;
  return Object.entries(row!)
    .map(([key, value]) => `${Number(value).toLocaleString("en-US")} ${key}`)
    .join(", ");
}

/** Bulk SQL, seconds not minutes: the rows the app would have written, with random but plausible values. */
async function seed(db: ReturnType<typeof createDb>): Promise<string> {
  const now = NOW;
  await db.$executeRaw`INSERT INTO "User" (id, email, name, role, "createdAt", "updatedAt") VALUES ('owner', 'owner@example.com', 'Owner', 'INSTRUCTOR', ${now}::timestamp, ${now}::timestamp)`;
  await db.$executeRaw`
    INSERT INTO "User" (id, email, name, "createdAt", "updatedAt")
    SELECT 'u' || i, 'learner' || i || '@example.com', 'Learner ' || i, ${now}::timestamp, ${now}::timestamp FROM generate_series(1, ${LEARNERS}) i`;
  await db.$executeRaw`
    INSERT INTO "Class" (id, name, "timeZone", "joinCode", "createdById", "createdAt", "updatedAt")
    VALUES ('class', 'Bench class', 'Europe/Paris', 'BENCH234', 'owner', ${now}::timestamp, ${now}::timestamp)`;
  await db.$executeRaw`
    INSERT INTO "ClassMember" ("classId", "userId", role, "joinedAt")
    SELECT 'class', 'owner', 'OWNER'::"ClassRole", ${now}::timestamp UNION ALL SELECT 'class', 'u' || i, 'LEARNER'::"ClassRole", ${now}::timestamp FROM generate_series(1, ${LEARNERS}) i`;
  await db.$executeRaw`
    INSERT INTO "Deck" (id, slug, title, tags, "sourcePath", "contentHash", "createdAt", "updatedAt")
    SELECT 'd' || k, 'deck-' || k, 'Deck ' || k, '{}', 'content/deck-' || k || '.md', 'x', ${now}::timestamp, ${now}::timestamp FROM generate_series(1, 3) k`;
  await db.$executeRaw`
    INSERT INTO "Note" (id, "deckId", number, position, question, "answerMarkdown", "answerHtml", "sourceLine", "createdAt", "updatedAt")
    SELECT 'n' || k || '-' || q, 'd' || k, q, q, 'Question ' || q, 'a', '<p>a</p>', q, ${now}::timestamp, ${now}::timestamp
    FROM generate_series(1, 3) k, generate_series(1, ${NOTES_PER_DECK}) q`;
  await db.$executeRaw`
    INSERT INTO "Track" (id, "classId", title, position, "createdAt", "updatedAt")
    VALUES ('t1', 'class', 'Weeks 1-3', 0, ${now}::timestamp, ${now}::timestamp), ('t2', 'class', 'Weeks 4-6', 1, ${now}::timestamp, ${now}::timestamp)`;
  // Six review items (each deck whole to "studied", and its first half to "mastered") and four lab items; half of
  // them due in the past, so the "on time" check reads the review log after the deadline.
  const day = 86_400_000;
  const items: Array<[string, string, number, string, string | null, number[], string | null, string | null, number | null, Date | null]> = [];
  for (let k = 1; k <= 3; k++) {
    items.push([`r${k}a`, "t1", k * 2, "REVIEW", `d${k}`, [], "STUDIED", null, null, new Date(now.getTime() - (20 - k * 5) * day)]);
    items.push([`r${k}b`, "t2", k * 2 + 1, "REVIEW", `d${k}`, Array.from({ length: NOTES_PER_DECK / 2 }, (_, i) => i + 1), "MASTERED", null, null, new Date(now.getTime() + k * 7 * day)]);
  }
  ["kl-divergence", "js-divergence", "wgan-critic-loss", "train-step"].forEach((exercise, i) =>
    items.push([`l${i}`, i < 2 ? "t1" : "t2", 10 + i, "LAB", null, [], null, exercise, i === 1 ? 80 : 100, i % 2 === 0 ? new Date(now.getTime() - (10 - i) * day) : null]),
  );
  for (const [id, trackId, position, kind, deckId, noteNumbers, goal, exerciseId, passPercent, dueAt] of items) {
    await db.$executeRaw`
      INSERT INTO "TrackItem" (id, "trackId", position, kind, "deckId", "noteNumbers", goal, "exerciseId", "passPercent", "dueAt", "createdAt", "updatedAt")
      VALUES (${id}, ${trackId}, ${position}, ${kind}::"TrackItemKind", ${deckId}, ${noteNumbers}, ${goal}::"ReviewGoal", ${exerciseId}, ${passPercent}, ${dueAt}::timestamp, ${now}::timestamp, ${now}::timestamp)`;
  }
  await db.$executeRaw`INSERT INTO "DeckStudy" ("userId", "deckId", "createdAt") SELECT m."userId", d.id, ${now}::timestamp FROM "ClassMember" m, "Deck" d WHERE m.role = 'LEARNER'`;
  await db.$executeRaw`
    INSERT INTO "Card" (id, "userId", "noteId", due, stability, difficulty, reps, state, "lastReview", version, "createdAt", "updatedAt")
    SELECT 'c-' || m."userId" || '-' || n.id, m."userId", n.id, ${now}::timestamp + (random() * 30 - 5) * interval '1 day',
      CASE WHEN s.state = 0 THEN 0 ELSE 0.5 + random() * 60 END, 5, CASE WHEN s.state = 0 THEN 0 ELSE 3 END, s.state,
      CASE WHEN s.state = 0 THEN NULL ELSE ${now}::timestamp - random() * interval '20 days' END, 3, ${now}::timestamp, ${now}::timestamp
    FROM "ClassMember" m CROSS JOIN "Note" n
    CROSS JOIN LATERAL (SELECT CASE WHEN r < 0.2 THEN 0 WHEN r < 0.3 THEN 1 WHEN r < 0.95 THEN 2 ELSE 3 END AS state FROM (SELECT random() + (n.number * 0) AS r) x) s
    WHERE m.role = 'LEARNER'`;
  // Exactly LOGS rating answers over the last 60 days on studied cards (about half inside the 30-day recall window).
  await db.$executeRaw`
    INSERT INTO "ReviewLog" (id, "cardId", "userId", kind, rating, state, due, stability, difficulty, "elapsedDays", "lastElapsedDays",
      "scheduledDays", "learningSteps", review, "durationMs", "prevDue", "prevReps", "prevLapses", "cardVersion", "studyDay")
    SELECT 'l' || row_number() OVER (), c.id, c."userId", 'RATING', 1 + floor(random() * 4)::int, floor(random() * 3)::int, t, random() * 40, 5,
      1, 1, 1, 0, t, 4000, t, 1, 0, 1, (t - interval '4 hours')::date
    FROM (SELECT c.*, ${now}::timestamp - random() * interval '60 days' AS t FROM "Card" c CROSS JOIN generate_series(1, 5) g WHERE c.state <> 0 ORDER BY random() LIMIT ${LOGS}) c`;
  await db.$executeRaw`
    INSERT INTO "Submission" (id, "userId", "exerciseId", code, status, points, "maxPoints", results, backend, "durationMs", "createdAt")
    SELECT 's' || row_number() OVER (), x."userId", x.exercise, 'code', CASE WHEN x.points = 14 THEN 'pass' ELSE 'fail' END, x.points, 14, '{}', 'cpu', 500, x.t
    FROM (
      SELECT m."userId", e.exercise, least(14, floor(random() * 18))::int AS points, ${now}::timestamp - random() * interval '25 days' AS t
      FROM "ClassMember" m CROSS JOIN unnest(ARRAY['kl-divergence', 'js-divergence', 'wgan-critic-loss', 'train-step']) e(exercise) CROSS JOIN generate_series(1, 4) g
      WHERE m.role = 'LEARNER' ORDER BY random() LIMIT ${SUBMISSIONS}
    ) x`;
  // As autovacuum leaves a database in use (visibility map, hint bits, statistics), so that it does not run during the loads.
  await db.$executeRawUnsafe("VACUUM ANALYZE");
  return "class";
}

runMain(main);
