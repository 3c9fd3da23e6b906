// npm run bench:review [-- --learners 1,50,200 --seconds 15] [--floor-only]
// Starts a production build on a fresh embedded PostgreSQL, signs in N simulated learners over HTTP (next-auth's
// credentials flow, once each), then has them all answer due cards concurrently for a fixed time, and prints
// p50/p95/p99 latency of POST /api/review/answer and reviews per second for each N. Then, for the same N, the floor:
// other learners make the route's own domain call (answerAndShowNext, their session checked in its first statement as
// the route does) in this process, with no HTTP, on a pool the size of the server's; the ratio of the two says what
// the web tier costs. It also counts the statements and round trips of one answer and its next card.
import { createDb, type Db } from "@/lib/db/client";
import { startSession } from "@/lib/auth/sessions";
import { answerAndShowNext } from "@/lib/review/answer-and-next";
import { ReviewError } from "@/lib/review/errors";
import { loadQueue } from "@/lib/review/queue";
import { httpClient } from "./bench/http";
import { addToTally, answerForSeconds, emptyTally, seedReviewers, summarize, summarizeTally, type HttpLearner, type LoadResult, type Tally } from "./bench/review-load";
import { ownCpuMs, postgresCpu, processCpuMs } from "./bench/cpu";
import { startBenchServer, syntheticDeck, type AppProcess } from "./bench/server";
import { countStatements } from "./bench/statements";
import { runMain } from "./bench/main";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] ?? fallback : fallback;
};
const LEVELS = arg("learners", "1,50,200").split(",").map(Number);
const SECONDS = Number(arg("seconds", "15"));
// The floor alone: no build, no web server, for comparing versions of the domain code quickly.
const FLOOR_ONLY = process.argv.includes("--floor-only");
const NOTES = 400;
// Each level alternates HTTP and the floor in slices of about this long, so that other work on the machine, which
// comes and goes, weighs on both alike (one long run of each measured them at different moments).
const SLICE_SECONDS = 5;
const PASSWORD = "bench password 123";

const statements = countStatements();


type FloorLearner = { userId: string; sessionId: string; card: { id: string; version: number } | null };

/** The floor: the route's domain call by each learner in a loop, in this process, no HTTP. */
async function runFloorLevel(db: Db, learners: FloorLearner[], seconds: number, tally?: Tally): Promise<LoadResult> {
  for (const learner of learners) learner.card = (await loadQueue(db, learner.userId)).card;
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    learners.map(async (learner) => {
      while (performance.now() < deadline && learner.card) {
        const rating = (1 + Math.floor(Math.random() * 4)) as 1 | 2 | 3 | 4;
        const started = performance.now();
        try {
          const answer = { cardId: learner.card.id, version: learner.card.version, rating, durationMs: 4000 };
          const { queue } = await answerAndShowNext(db, learner.userId, answer, new Date(), { sessionId: learner.sessionId });
          latencies.push(performance.now() - started);
          learner.card = queue.card;
        } catch (error) {
          if (!(error instanceof ReviewError)) throw error;
          latencies.push(performance.now() - started);
          errors++;
          learner.card = (await loadQueue(db, learner.userId)).card;
        }
      }
    }),
  );
  if (tally) addToTally(tally, latencies, errors, started);
  return summarize(latencies, errors, started);
}

/** Statements and round trips of one answer and its next card (the domain call alone), over `times` answers. */
async function countPerAnswer(db: Db, learner: FloorLearner, times = 20) {
  learner.card = (await loadQueue(db, learner.userId)).card;
  statements.reset();
  let answers = 0;
  for (; answers < times && learner.card; answers++) {
    const answer = { cardId: learner.card.id, version: learner.card.version, rating: 3 as const, durationMs: 4000 };
    const { queue } = await answerAndShowNext(db, learner.userId, answer, new Date(), { sessionId: learner.sessionId });
    learner.card = queue.card;
  }
  const { statements: n, roundTrips } = statements.read();
  return { statements: n / answers, roundTrips: roundTrips / answers };
}

async function main() {
  const bench = await startBenchServer({ extraContent: (dir) => syntheticDeck(dir, NOTES), web: !FLOOR_ONLY });
  try {
    const db = bench.db;
    // Each level has its own learners over HTTP and its own for the floor, all starting from the same state.
    const total = LEVELS.reduce((sum, n) => sum + n, 0);
    const { emails, userIds } = await seedReviewers(db, 2 * total + 1, PASSWORD);
    const client = httpClient(bench.base);
    // --profile DIR writes a V8 CPU profile of the web server (open it in Chrome DevTools) for finding where time goes.
    const profile = process.argv.includes("--profile") ? ["--cpu-prof", `--cpu-prof-dir=${arg("profile", "profiles")}`] : [];
    let server: AppProcess | undefined;
    if (FLOOR_ONLY) await bench.analyze();
    else server = await bench.serve({ nodeArgs: profile });

    // The floor's own pool, as large as the web server's (DATABASE_POOL_SIZE, default 10).
    const floorDb = createDb(bench.databaseUrl, { max: Number(process.env.DATABASE_POOL_SIZE) || 10 });
    // Floor learners have sessions as signed-in learners do: the route's domain call checks one in its first statement.
    const floorLearner = async (userId: string): Promise<FloorLearner> => ({ userId, sessionId: await startSession(floorDb, userId), card: null });
    const perAnswer = await countPerAnswer(floorDb, await floorLearner(userIds[2 * total]!));

    console.log(`bench:review — ${NOTES} notes per learner, ${SECONDS}s per level, random ratings, Node ${process.version}`);
    console.log(`one answer and its next card, the domain call alone: ${perAnswer.statements.toFixed(1)} statements in ${perAnswer.roundTrips.toFixed(1)} round trips (the session checked in the first, as over HTTP)`);
    console.log("learners | HTTP reviews | reviews/s | p50 ms | p95 ms | p99 ms | errors || floor reviews/s | p50 ms | p95 ms | errors || HTTP/floor");
    const pad = (value: string | number, width: number) => String(value).padStart(width);
    // CPU per review, read from /proc: what each tier costs, less sensitive than reviews/s to other work on the machine.
    const cpu: string[] = [];
    const perReview = (ms: number, reviews: number) => (ms / reviews).toFixed(2);
    let offset = 0;
    try {
      for (const n of LEVELS) {
        const floorLearners = await Promise.all(userIds.slice(total + offset, total + offset + n).map(floorLearner));
        const learners: HttpLearner[] = [];
        if (!FLOOR_ONLY) {
          for (const email of emails.slice(offset, offset + n)) learners.push({ email, cookie: await client.signIn(email, PASSWORD), card: null });
          await answerForSeconds(client.request, learners, 2); // warm-up: JIT, connection pools
        }
        offset += n;
        await runFloorLevel(floorDb, floorLearners, 2);
        const slices = Math.max(1, Math.round(SECONDS / SLICE_SECONDS));
        const [httpTally, floorTally] = [emptyTally(), emptyTally()];
        const used = { web: 0, httpPg: 0, floor: 0, floorPg: 0 };
        for (let slice = 0; slice < slices; slice++) {
          if (!FLOOR_ONLY) {
            const [web, pg] = [processCpuMs(server!.pid), (await postgresCpu(db)).byPid];
            await answerForSeconds(client.request, learners, SECONDS / slices, httpTally);
            used.web += processCpuMs(server!.pid) - web;
            used.httpPg += (await postgresCpu(db)).since(pg);
          }
          const [own, pg] = [ownCpuMs(), (await postgresCpu(db)).byPid];
          await runFloorLevel(floorDb, floorLearners, SECONDS / slices, floorTally);
          used.floor += ownCpuMs() - own;
          used.floorPg += (await postgresCpu(db)).since(pg);
        }
        let http = `${pad(n, 8)} | ${"—".padStart(12)} | ${"—".padStart(9)} | ${"—".padStart(6)} | ${"—".padStart(6)} | ${"—".padStart(6)} | ${"—".padStart(6)}`;
        let httpPerSecond = NaN;
        let httpCpu = "—";
        if (!FLOOR_ONLY) {
          const r = summarizeTally(httpTally);
          httpCpu = `${perReview(used.web, r.reviews)} + ${perReview(used.httpPg, r.reviews)}`;
          http = `${pad(n, 8)} | ${pad(r.reviews, 12)} | ${pad(r.perSecond.toFixed(0), 9)} | ${pad(r.p50.toFixed(1), 6)} | ${pad(r.p95.toFixed(1), 6)} | ${pad(r.p99.toFixed(1), 6)} | ${pad(r.errors, 6)}`;
          httpPerSecond = r.perSecond;
        }
        const f = summarizeTally(floorTally);
        cpu.push(`${pad(n, 8)} | ${httpCpu.padStart(50)} | ${`${perReview(used.floor, f.reviews)} + ${perReview(used.floorPg, f.reviews)}`.padStart(36)}`);
        console.log(`${http} || ${pad(f.perSecond.toFixed(0), 15)} | ${pad(f.p50.toFixed(1), 6)} | ${pad(f.p95.toFixed(1), 6)} | ${pad(f.errors, 6)} || ${pad((httpPerSecond / f.perSecond).toFixed(2), 10)}`);
      }
      console.log("learners | CPU ms per review, HTTP: web server + PostgreSQL | floor: this process + PostgreSQL");
      for (const line of cpu) console.log(line);
    } finally {
      await floorDb.$disconnect().catch(() => undefined);
    }
  } finally {
    await bench.stop();
  }
}

runMain(main);
