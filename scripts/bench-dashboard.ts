// npm run bench:dashboard [-- --runs 60]
// Seeds a fresh embedded PostgreSQL with a learner who has 5,000 cards and 100,000 review log entries over two
// years (plus four other learners with 25,000 each, lab submissions and lab reschedules; scripts/bench/
// dashboard-seed.ts), then times the progress page's data function, `loadProgress` (the one /progress calls), for
// all decks and for one deck, and prints the p50/p95 server time and a breakdown by query.
import fs from "node:fs";
import path from "node:path";
import { createDb, type Db } from "@/lib/db/client";
import { ensureDatabaseExists, makeServerTempDir, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { labExercises } from "@/lib/lab/exercises/catalog";
import { loadProgress } from "@/lib/progress";
import { loadActivity } from "@/lib/progress/activity";
import { loadLab } from "@/lib/progress/lab";
import { loadMemory, memoryModel } from "@/lib/progress/memory";
import { studyDay } from "@/lib/srs";
import { ROLLOVER, seedDashboard, TIME_ZONE } from "./bench/dashboard-seed";
import { percentile } from "./bench/http";
import { runMain } from "./bench/main";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const RUNS = Number(arg("runs", "60"));

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function measure(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await fn(); // warm-up: JIT, connections, prepared statements' generic plans
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(await time(fn));
  samples.sort((a, b) => a - b);
  const cell = (ms: number) => ms.toFixed(1).padStart(6);
  console.log(`${label.padEnd(34)} | ${cell(percentile(samples, 50))} | ${cell(percentile(samples, 95))} | ${cell(samples.at(-1)!)}`);
}

async function main() {
  const tmp = makeServerTempDir("latent-bench-dashboard-");
  const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), ephemeral: true });
  let db: Db | undefined;
  try {
    await ensureDatabaseExists(pg.urlFor("postgres"), "bench");
    const url = pg.urlFor("bench");
    await migrate(url);
    db = createDb(url, { max: 10 }); // the app's pool size
    const now = new Date();
    const seeding = performance.now();
    const { learner, deckId } = await seedDashboard(db, now);
    const [counts] = await db.$queryRaw<Array<{ cards: bigint; logs: bigint; total: bigint }>>`
      SELECT (SELECT count(*) FROM "Card" WHERE "userId" = ${learner}) AS cards,
             (SELECT count(*) FROM "ReviewLog" WHERE "userId" = ${learner}) AS logs,
             (SELECT count(*) FROM "ReviewLog") AS total`;
    console.log(
      `bench:dashboard — a learner with ${counts!.cards} cards and ${counts!.logs} log entries (the table: ${counts!.total}), seeded in ` +
        `${((performance.now() - seeding) / 1000).toFixed(1)} s; ${RUNS} sequential runs each after 5 warm-up runs; Node ${process.version}`,
    );
    // What a review costs the disk, for docs/scaling.md: the log's heap and its indexes, per row (after VACUUM).
    const [size] = await db.$queryRaw<Array<{ heap: bigint; indexes: bigint }>>`
      SELECT pg_table_size('"ReviewLog"') AS heap, pg_indexes_size('"ReviewLog"') AS indexes`;
    const rows = Number(counts!.total);
    console.log(`  (review log on disk: ${(Number(size!.heap) / rows).toFixed(0)} B heap + ${(Number(size!.indexes) / rows).toFixed(0)} B indexes per row)`);
    const first = await loadProgress(db, learner, { now });
    console.log(
      `  (${first.activity.days.length} study days, ${first.memory.studied} studied cards, ${first.lab.attempted} exercises attempted, ${first.lab.missedNotes} notes sent back)`,
    );
    console.log("what                               | p50 ms | p95 ms | max ms");
    await measure("loadProgress, all decks", () => loadProgress(db!, learner));
    await measure("loadProgress, ?deck=bench", () => loadProgress(db!, learner, { deckSlug: "bench" }));
    const where = { userId: learner, timeZone: TIME_ZONE, rolloverHour: ROLLOVER, today: studyDay(new Date(), TIME_ZONE, ROLLOVER).key, deckId: null };
    await measure("  activity query", () => loadActivity(db!, { ...where, now: new Date() }));
    await measure("  activity query, one deck", () => loadActivity(db!, { ...where, deckId, now: new Date() }));
    await measure("  memory query", () => loadMemory(db!, { ...where, now: new Date(), model: memoryModel() }));
    await measure("  lab queries", () => loadLab(db!, { userId: learner, exercises: labExercises().map(({ id, title }) => ({ id, title })), deckId: null }));
  } finally {
    await db?.$disconnect().catch(() => undefined);
    await pg.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

runMain(main);
