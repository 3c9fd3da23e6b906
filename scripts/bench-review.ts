// npm run bench:review [-- --learners 1,50,200 --seconds 15]
// Starts a production build on a fresh embedded PostgreSQL, signs in N simulated learners over HTTP (next-auth's
// credentials flow, once each), then has them all answer due cards concurrently for a fixed time, and prints
// p50/p95/p99 latency of POST /api/review/answer and reviews per second for each N.
import { hashPassword } from "@/lib/auth/password";
import { ensureCards, studyAllDecks } from "@/lib/review/cards";
import { httpClient, percentile } from "./bench/http";
import { startBenchServer, syntheticDeck } from "./bench/server";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] ?? fallback : fallback;
};
const LEVELS = arg("learners", "1,50,200").split(",").map(Number);
const SECONDS = Number(arg("seconds", "15"));
const NOTES = 400;
const PASSWORD = "bench password 123";

type Learner = { email: string; cookie: string; card: { id: string; version: number } | null };

let request: ReturnType<typeof httpClient>["request"];
let signIn: (email: string) => Promise<string>;

async function runLevel(learners: Learner[], seconds = SECONDS) {
  for (const learner of learners) {
    const res = await request("GET", "/api/review/queue", { headers: { cookie: learner.cookie } });
    learner.card = (JSON.parse(res.body) as { card: { id: string; version: number } | null }).card;
  }
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    learners.map(async (learner) => {
      while (performance.now() < deadline && learner.card) {
        const rating = 1 + Math.floor(Math.random() * 4);
        const started = performance.now();
        const res = await request("POST", "/api/review/answer", {
          body: JSON.stringify({ cardId: learner.card.id, version: learner.card.version, rating, durationMs: 4000 }),
          headers: { "content-type": "application/json", cookie: learner.cookie },
        });
        latencies.push(performance.now() - started);
        if (res.status !== 200) {
          errors++;
          const queue = await request("GET", "/api/review/queue", { headers: { cookie: learner.cookie } });
          learner.card = (JSON.parse(queue.body) as { card: Learner["card"] }).card;
          continue;
        }
        learner.card = (JSON.parse(res.body) as { queue: { card: Learner["card"] } }).queue.card;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { reviews: latencies.length, errors, perSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) };
}

async function main() {
  const bench = await startBenchServer({ extraContent: (dir) => syntheticDeck(dir, NOTES) });
  try {
    const db = bench.db;
    const maxLearners = Math.max(...LEVELS);
    const passwordHash = await hashPassword(PASSWORD);
    const emails: string[] = [];
    for (let i = 0; i < maxLearners * LEVELS.length; i++) {
      const email = `bench-${i}@example.com`;
      const user = await db.user.create({ data: { email, passwordHash } });
      await studyAllDecks(db, user.id);
      await db.srsSettings.create({
        data: { userId: user.id, desiredRetention: 0.9, newPerDay: 9999, maxReviewsPerDay: 99999, learningSteps: "1m 10m", relearningSteps: "10m", maximumInterval: 36500, enableFuzz: true, rolloverHour: 4, timeZone: "UTC" },
      });
      await ensureCards(db, user.id);
      emails.push(email);
    }
    const client = httpClient(bench.base);
    request = client.request;
    signIn = (email) => client.signIn(email, PASSWORD);
    // --profile DIR writes a V8 CPU profile of the web server (open it in Chrome DevTools) for finding where time goes.
    const profile = process.argv.includes("--profile") ? ["--cpu-prof", `--cpu-prof-dir=${arg("profile", "profiles")}`] : [];
    await bench.serve({ nodeArgs: profile });

    console.log(`bench:review — ${NOTES} notes per learner, ${SECONDS}s per level, random ratings, Node ${process.version}`);
    console.log("learners | reviews | reviews/s | p50 ms | p95 ms | p99 ms | errors");
    let offset = 0;
    for (const n of LEVELS) {
      const learners: Learner[] = [];
      for (const email of emails.slice(offset, offset + n)) learners.push({ email, cookie: await signIn(email), card: null });
      offset += n;
      await runLevel(learners, 2); // warm-up: JIT, connection pools
      const r = await runLevel(learners);
      console.log(`${String(n).padStart(8)} | ${String(r.reviews).padStart(7)} | ${r.perSecond.toFixed(0).padStart(9)} | ${r.p50.toFixed(1).padStart(6)} | ${r.p95.toFixed(1).padStart(6)} | ${r.p99.toFixed(1).padStart(6)} | ${r.errors}`);
    }
  } finally {
    await bench.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
