// npm run bench:optimize [-- --sizes 10000,100000 --learners 20 --seconds 20]
// On a fresh embedded PostgreSQL with Latent's web server and one job worker (as `npm start` runs them):
// 1. the optimization job's time (read the reviews, fit, compare on held-out reviews, store) for simulated learners
//    with about 10,000 and 100,000 reviews;
// 2. the p50/p95 latency of POST /api/review/answer for N learners answering at once, first on a quiet server, then
//    while optimizations of the largest learner run back to back on the worker.
import type { Db } from "@/lib/db/client";
import { countUsableReviews } from "@/lib/memory-model/histories";
import { startOptimization } from "@/lib/memory-model/model";
import { SIMULATED_MEMORIES, simulateLearner } from "@/lib/memory-model/simulated-learner";
import { createSimulatedLearner, createSyntheticDeck } from "@/lib/memory-model/testing";
import { DEFAULT_SETTINGS } from "@/lib/srs/settings";
import { spawnWorker, stopChild } from "@/lib/server/boot";
import { httpClient, percentile } from "./bench/http";
import { seedReviewers } from "./bench/review-load";
import { startBenchServer, syntheticDeck } from "./bench/server";
import { runMain } from "./bench/main";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const SIZES = arg("sizes", "10000,100000").split(",").map(Number);
const LEARNERS = Number(arg("learners", "20"));
const SECONDS = Number(arg("seconds", "20"));
const PASSWORD = "bench password 123";

const DAYS = 365;
const studyPlan = (cards: number) => ({ days: DAYS, newPerDay: Math.ceil(cards / (DAYS * 0.8)) });

/** How many cards a year of study needs for about `reviews` reviews: simulated once (in memory) to find the rate. */
function cardsFor(reviews: number, memory: readonly number[], seed: number): number {
  let cards = Math.ceil(reviews / 10);
  for (let round = 0; round < 2; round++) {
    const settings = { ...DEFAULT_SETTINGS, timeZone: "Europe/Berlin", maxReviewsPerDay: 99999 };
    const cardIds = Array.from({ length: cards }, (_, i) => `probe-${i}`);
    const answers = simulateLearner({ memory, settings, cardIds, end: new Date(), seed, ...studyPlan(cards) }).answers.length;
    cards = Math.max(10, Math.round((cards * reviews) / answers));
  }
  return cards;
}

/** A simulated learner with about `reviews` reviews over a year. */
async function learnerWithReviews(db: Db, reviews: number, seed: number) {
  const memory = SIMULATED_MEMORIES[seed % SIMULATED_MEMORIES.length]!;
  const cards = cardsFor(reviews, memory, seed);
  const deckId = await createSyntheticDeck(db, cards, `bench-memory-${seed}`);
  const learner = await createSimulatedLearner(db, { email: `optimized-${seed}@example.com`, deckId, memory, seed, settings: { maxReviewsPerDay: 99999 }, ...studyPlan(cards) });
  // Retired, so the review learners below (who study every shared deck) do not get it.
  await db.deck.update({ where: { id: deckId }, data: { retiredAt: new Date() } });
  return learner.userId;
}

async function waitForJob(db: Db, id: string) {
  for (;;) {
    const job = await db.job.findUniqueOrThrow({ where: { id } });
    if (job.status === "SUCCEEDED" || job.status === "FAILED") return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function main() {
  const bench = await startBenchServer({ extraContent: (dir) => syntheticDeck(dir, 400) });
  const worker = spawnWorker(bench.databaseUrl);
  try {
    const db = bench.db;
    console.log(`bench:optimize — Node ${process.version}; seeding simulated learners…`);
    const optimized: Array<{ userId: string; reviews: number; items: number }> = [];
    for (const [i, size] of SIZES.entries()) {
      const userId = await learnerWithReviews(db, size, 1000 + i);
      optimized.push({ userId, ...(await countUsableReviews(db, userId)) });
    }
    const { emails } = await seedReviewers(db, LEARNERS, PASSWORD, "reviewer");
    await bench.serve();

    // 1. The optimization job, alone on the machine (the worker's own start-up excluded: it is warm after the first).
    console.log("\nOptimization job (read reviews, fit, compare on held-out reviews, store):");
    console.log("reviews | items (learnable) | held out | job s | outcome");
    for (const learner of optimized) {
      const { id } = await startOptimization(db, learner.userId);
      const job = await waitForJob(db, id);
      const seconds = (job.finishedAt!.getTime() - job.startedAt!.getTime()) / 1000;
      const result = job.result as { outcome: string; heldOut?: number } | null;
      console.log(`${String(learner.reviews).padStart(7)} | ${String(learner.items).padStart(17)} | ${String(result?.heldOut ?? "-").padStart(8)} | ${seconds.toFixed(1).padStart(5)} | ${result?.outcome ?? job.error}`);
    }

    // 2. Review latency, quiet and while optimizing.
    const client = httpClient(bench.base);
    type Learner = { cookie: string; card: { id: string; version: number } | null };
    const learners: Learner[] = [];
    for (const email of emails) learners.push({ cookie: await client.signIn(email, PASSWORD), card: null });
    const answerFor = async (seconds: number) => {
      for (const learner of learners) {
        const res = await client.request("GET", "/api/review/queue", { headers: { cookie: learner.cookie } });
        learner.card = (JSON.parse(res.body) as { card: Learner["card"] }).card;
      }
      const latencies: number[] = [];
      let errors = 0;
      const deadline = performance.now() + seconds * 1000;
      await Promise.all(
        learners.map(async (learner) => {
          while (performance.now() < deadline && learner.card) {
            const started = performance.now();
            const res = await client.request("POST", "/api/review/answer", {
              body: JSON.stringify({ cardId: learner.card.id, version: learner.card.version, rating: 1 + Math.floor(Math.random() * 4), durationMs: 4000 }),
              headers: { "content-type": "application/json", cookie: learner.cookie },
            });
            latencies.push(performance.now() - started);
            if (res.status !== 200) {
              errors++;
              const queue = await client.request("GET", "/api/review/queue", { headers: { cookie: learner.cookie } });
              learner.card = (JSON.parse(queue.body) as { card: Learner["card"] }).card;
              continue;
            }
            learner.card = (JSON.parse(res.body) as { queue: { card: Learner["card"] } }).queue.card;
          }
        }),
      );
      latencies.sort((a, b) => a - b);
      return { reviews: latencies.length, p50: percentile(latencies, 50), p95: percentile(latencies, 95), errors };
    };
    await answerFor(3); // warm-up
    const quiet = await answerFor(SECONDS);

    const largest = optimized.at(-1)!;
    let optimizing = true;
    let optimizations = 0;
    const busy = (async () => {
      while (optimizing) {
        const { id } = await startOptimization(db, largest.userId);
        await waitForJob(db, id);
        optimizations++;
      }
    })();
    // Let the first optimization get going (reading the reviews) before measuring.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const loaded = await answerFor(SECONDS);
    optimizing = false;
    await busy;

    console.log(`\nPOST /api/review/answer, ${LEARNERS} learners answering at once for ${SECONDS} s:`);
    console.log("while                          | reviews | p50 ms | p95 ms | errors");
    console.log(`nothing else runs               | ${String(quiet.reviews).padStart(7)} | ${quiet.p50.toFixed(1).padStart(6)} | ${quiet.p95.toFixed(1).padStart(6)} | ${quiet.errors}`);
    console.log(`optimizing ${String(largest.reviews).padEnd(7)} reviews (${optimizations} runs) | ${String(loaded.reviews).padStart(7)} | ${loaded.p50.toFixed(1).padStart(6)} | ${loaded.p95.toFixed(1).padStart(6)} | ${loaded.errors}`);
    console.log(`p95 ratio: ${(loaded.p95 / quiet.p95).toFixed(2)}× (target: at most 2×)`);
  } finally {
    await stopChild(worker, 30_000);
    await bench.stop();
  }
}

runMain(main);
