// npm run bench:grade [-- --seconds 10] [--one]
// Server grading under load. First the grader alone (direct calls to a grader like a worker's: grading processes, a
// fresh isolate per submission): latency and throughput with 1, 10 and 50 submissions in flight. Then over HTTP
// against a production build, through the job queue as in production: POST /api/lab/submissions (a correct
// kl-divergence, every test incl. hidden ones) enqueues a lab.grade job, a job worker (`npm run worker`, a process
// of its own) grades and stores it, and the route answers once it hears the job ended. 1, 10 and 50 in flight with
// one worker, with where a submission's time went (read from its job's row); 10 and 50 in flight with two workers;
// then the review endpoint's latency alone and while 50 submissions are in flight, for 1 reviewer and 10 reviewers.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { hashPassword } from "@/lib/auth/password";
import { studySharedDecks } from "@/lib/content/decks";
import { installJobQueue } from "@/lib/jobs/queue-schema";
import { MAX_ENDED_NOTICE_BYTES } from "@/lib/jobs/wait";
import { createGradingPool } from "@/lib/lab/sandbox/process-pool";
import { gradingPoolSize } from "@/lib/lab/sandbox/admission";
import { gradingQueueLimit } from "@/lib/lab/submissions/submit";
import { ensureCards } from "@/lib/review/cards";
import { stopChild } from "@/lib/server/boot";
import { httpClient, percentile } from "./bench/http";
import { startBenchServer, syntheticDeck, type BenchServer } from "./bench/server";
import { runMain } from "./bench/main";

const SECONDS = Number(process.argv[process.argv.indexOf("--seconds") + 1]) || 10;
/** --one: only 1 in flight (the grader alone, then over HTTP with one worker), the level issue 16's target is set at. */
const ONE = process.argv.includes("--one");
const PASSWORD = "bench password 123";
const solution = fs.readFileSync("lab/kl-divergence/solution.ts", "utf8");

type Client = ReturnType<typeof httpClient>;

/** What each answered submission's id was, and how long it took the client (ms). */
type Answered = Map<string, number>;

async function submitLoop(client: Client, cookie: string, deadline: number, latencies: number[], busy: { count: number }, answered?: Answered) {
  const body = JSON.stringify({ exerciseId: "kl-divergence", code: solution });
  while (performance.now() < deadline) {
    const started = performance.now();
    const res = await client.request("POST", "/api/lab/submissions", { body, headers: { "content-type": "application/json", cookie } });
    if (res.status === 503) {
      busy.count++;
      await new Promise((r) => setTimeout(r, (Number(res.headers["retry-after"]) || 1) * 1000));
      continue;
    }
    if (res.status !== 201) throw new Error(`submission answered ${res.status}: ${res.body.slice(0, 200)}`);
    const latency = performance.now() - started;
    latencies.push(latency);
    answered?.set((JSON.parse(res.body) as { id: string }).id, latency);
  }
}

async function reviewLoop(client: Client, cookie: string, deadline: number, latencies: number[]) {
  let card = (JSON.parse((await client.request("GET", "/api/review/queue", { headers: { cookie } })).body) as { card: { id: string; version: number } | null }).card;
  while (card && performance.now() < deadline) {
    const started = performance.now();
    const res = await client.request("POST", "/api/review/answer", {
      body: JSON.stringify({ cardId: card.id, version: card.version, rating: 1 + Math.floor(Math.random() * 4), durationMs: 3000 }),
      headers: { "content-type": "application/json", cookie },
    });
    latencies.push(performance.now() - started);
    card = (JSON.parse(res.body) as { queue?: { card: typeof card } }).queue?.card ?? null;
  }
}

const row = (label: string, latencies: number[], seconds: number, extra = "") => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return `${label.padEnd(34)} | ${String(sorted.length).padStart(6)} | ${(sorted.length / seconds).toFixed(1).padStart(7)} | ${percentile(sorted, 50).toFixed(0).padStart(6)} | ${percentile(sorted, 95).toFixed(0).padStart(6)} | ${percentile(sorted, 99).toFixed(0).padStart(6)} | ${extra}`;
};

// The grader on its own, in this process: what a submission costs without HTTP, sessions, the queue and the database.
async function gradeDirectly() {
  const { concurrency } = gradingPoolSize();
  const grader = createGradingPool({ size: concurrency, queueLimit: 64 });
  const job = { exerciseId: "kl-divergence", source: solution, exports: ["klDivergence"] };
  try {
    await grader.warm();
    for (let i = 0; i < 20; i++) await grader.grade(job); // code caches, bundle, JIT
    console.log(`grader alone: ${concurrency} grading process(es)`);
    for (const inFlight of ONE ? [1] : [1, 10, 50]) {
      const latencies: number[] = [];
      const deadline = performance.now() + SECONDS * 1000;
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          while (performance.now() < deadline) {
            const started = performance.now();
            const results = await grader.grade(job);
            if (results.status !== "pass") throw new Error(`the reference did not pass: ${JSON.stringify(results).slice(0, 300)}`);
            latencies.push(performance.now() - started);
          }
        }),
      );
      console.log(row(`grades, ${inFlight} in flight`, latencies, SECONDS));
    }
  } finally {
    grader.close();
  }
}

/** `count` job workers (`npm run worker`), each in a process of its own, once they all beat and their graders are up. */
async function startWorkers(bench: BenchServer, count: number): Promise<ChildProcess[]> {
  const before = new Date();
  const workers = Array.from({ length: count }, () =>
    spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      env: { ...process.env, DATABASE_URL: bench.databaseUrl },
      stdio: ["ignore", "ignore", "inherit"], // a line per job otherwise
    }),
  );
  for (let i = 0; ; i++) {
    const live = await bench.db.jobWorker.count({ where: { startedAt: { gte: new Date(before.getTime() - 1000) }, stoppedAt: null } });
    if (live >= count) break;
    if (i > 300) throw new Error("the workers did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
  return workers;
}

const stopWorkers = (workers: ChildProcess[]) => Promise.all(workers.map((worker) => stopChild(worker, 30_000)));

/**
 * Where the submissions graded since `since` spent their time (ms, p50 / p95), from their jobs' rows and their
 * submissions' (stamped in the worker once graded): enqueued → claimed by a worker, claimed → graded, graded → stored
 * (the insert and the job's finish), and per request what the client waited outside the job (HTTP, the session, the
 * enqueue before its row's timestamp, hearing the job end and answering).
 */
async function jobPhases(bench: BenchServer, since: Date, answered: Answered): Promise<string> {
  const rows = await bench.db.$queryRaw<Array<{ id: string; pickup: number; grade: number; store: number; job: number; bytes: number }>>`
    SELECT s.id, octet_length(j.result::text) AS bytes, extract(epoch FROM j."startedAt" - j."createdAt") * 1000 AS pickup, extract(epoch FROM s."createdAt" - j."startedAt") * 1000 AS grade,
      extract(epoch FROM j."finishedAt" - s."createdAt") * 1000 AS store, extract(epoch FROM j."finishedAt" - j."createdAt") * 1000 AS job
    FROM "Job" j JOIN "Submission" s ON s."jobId" = j.id WHERE j.kind = 'lab.grade' AND j.status = 'SUCCEEDED' AND j."createdAt" >= ${since}`;
  const sorted = (values: number[]) => values.sort((a, b) => a - b);
  const f = (values: number[]) => `${percentile(values, 50).toFixed(0)} / ${percentile(values, 95).toFixed(0)}`;
  const outside = sorted(rows.filter((r) => answered.has(r.id)).map((r) => answered.get(r.id)! - Number(r.job)));
  const bytes = Math.max(0, ...rows.map((r) => Number(r.bytes)));
  return `result ≤ ${bytes} B (${bytes <= MAX_ENDED_NOTICE_BYTES ? "fits in" : "too big for"} the job-ended notification); enqueued → claimed ${f(sorted(rows.map((r) => Number(r.pickup))))}, claimed → graded ${f(sorted(rows.map((r) => Number(r.grade))))}, graded → stored ${f(sorted(rows.map((r) => Number(r.store))))}, outside the job ${f(outside)} ms`;
}

async function main() {
  console.log(`bench:grade — correct kl-divergence, ${SECONDS}s per level, Node ${process.version}`);
  console.log(`${"".padEnd(34)} |  count |   per s | p50 ms | p95 ms | p99 ms |`);
  await gradeDirectly();
  const bench = await startBenchServer({ extraContent: (dir) => syntheticDeck(dir, 400) });
  try {
    const passwordHash = await hashPassword(PASSWORD);
    const emails: string[] = [];
    for (let i = 0; i < 72; i++) {
      const user = await bench.db.user.create({ data: { email: `grade-${i}@example.com`, passwordHash } });
      await studySharedDecks(bench.db, user.id);
      await bench.db.srsSettings.create({
        data: { userId: user.id, desiredRetention: 0.9, newPerDay: 9999, maxReviewsPerDay: 99999, learningSteps: "1m 10m", relearningSteps: "10m", maximumInterval: 36500, enableFuzz: true, rolloverHour: 4, timeZone: "UTC" },
      });
      await ensureCards(bench.db, user.id);
      emails.push(user.email);
    }
    await bench.serve();
    const client = httpClient(bench.base);
    const cookies = await Promise.all(emails.map((email) => client.signIn(email, PASSWORD)));

    await installJobQueue(bench.databaseUrl, () => undefined);
    const { concurrency } = gradingPoolSize();
    const submissionLevels = async (workerCount: number, levels: number[]) => {
      const workers = await startWorkers(bench, workerCount);
      try {
        console.log(`over HTTP through the job queue: ${workerCount} worker(s) × ${concurrency} grading process(es), queue limit ${gradingQueueLimit()}`);
        // Warm-up: tfjs's code cache, the exercise bundle, JIT, each worker's prepared statements.
        await Promise.all(cookies.slice(0, 2 * workerCount).map((cookie) => submitLoop(client, cookie, performance.now() + 3000, [], { count: 0 })));
        for (const inFlight of levels) {
          const latencies: number[] = [];
          const busy = { count: 0 };
          const answered: Answered = new Map();
          const since = new Date();
          const deadline = performance.now() + SECONDS * 1000;
          await Promise.all(cookies.slice(0, inFlight).map((cookie) => submitLoop(client, cookie, deadline, latencies, busy, answered)));
          console.log(row(`submissions, ${inFlight} in flight`, latencies, SECONDS, `503 answered: ${busy.count}; ${await jobPhases(bench, since, answered)}`));
        }
      } finally {
        await stopWorkers(workers);
      }
    };
    await submissionLevels(1, ONE ? [1] : [1, 10, 50]);
    if (ONE) return;
    await submissionLevels(2, [10, 50]);

    // The reviews below share the machine with one worker, as `npm start` runs it.
    const worker = await startWorkers(bench, 1);
    const aloneOne: number[] = [];
    let deadline = performance.now() + SECONDS * 1000;
    await reviewLoop(client, cookies[70]!, deadline, aloneOne);
    console.log(row("review answers, 1 learner alone", aloneOne, SECONDS));

    const duringOne: number[] = [];
    const gradedOne: number[] = [];
    deadline = performance.now() + SECONDS * 1000;
    await Promise.all([
      reviewLoop(client, cookies[71]!, deadline, duringOne),
      ...cookies.slice(0, 50).map((cookie) => submitLoop(client, cookie, deadline, gradedOne, { count: 0 })),
    ]);
    console.log(row("review answers, 1 while 50 submit", duringOne, SECONDS, `submissions graded meanwhile: ${gradedOne.length}`));

    const alone: number[] = [];
    deadline = performance.now() + SECONDS * 1000;
    await Promise.all(cookies.slice(50, 60).map((cookie) => reviewLoop(client, cookie, deadline, alone)));
    console.log(row("review answers, 10 learners alone", alone, SECONDS));

    const during: number[] = [];
    const graded: number[] = [];
    deadline = performance.now() + SECONDS * 1000;
    await Promise.all([
      ...cookies.slice(60, 70).map((cookie) => reviewLoop(client, cookie, deadline, during)),
      ...cookies.slice(0, 50).map((cookie) => submitLoop(client, cookie, deadline, graded, { count: 0 })),
    ]);
    console.log(row("review answers, while 50 submit", during, SECONDS, `submissions graded meanwhile: ${graded.length}`));
    await stopWorkers(worker);
  } finally {
    await bench.stop();
  }
}

runMain(main);
