// npm run multi-node [-- --apps 2 --workers 2 --learners 6 --seconds 30 --json]
// Latent on several nodes, on one machine: one PostgreSQL (embedded, fresh), `--apps` web servers and `--workers`
// job workers on it, a round-robin proxy in front (lib/server/round-robin-proxy.ts). Learners sign in, review and
// submit lab code through the proxy, as clients behind a load balancer do: a request that fails on the way (a 502,
// a broken connection, a 503 with Retry-After) is sent again, the same request. A third of the way in, one web
// server and one worker — the one grading a submission at that moment — are killed with SIGKILL.
//
// Afterwards it reads the database and prints what happened (with --json, one JSON object on the last line, which
// e2e/multi-node.spec.ts checks): per learner the answers the client saw applied and the review log's rows (a lost
// review or one applied twice makes them differ), every submission's outcome, every grading job's end.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { importContent } from "@/lib/content/import";
import { createDb, type Db } from "@/lib/db/client";
import { ensureDatabaseExists, findFreePort, makeServerTempDir, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { buildIsCurrent, loadEnvironment, markBuildCurrent, stopChild, webServerEnv } from "@/lib/server/boot";
import { startRoundRobinProxy } from "@/lib/server/round-robin-proxy";
import { seedReviewers } from "./bench/review-load";
import { runMain } from "./bench/main";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const APPS = Number(arg("apps", "2"));
const WORKERS = Number(arg("workers", "2"));
const LEARNERS = Number(arg("learners", "6"));
const SECONDS = Number(arg("seconds", "30"));
const JSON_OUT = process.argv.includes("--json");
const PASSWORD = "multi-node password 123";
const EXERCISE = "kl-divergence";

const log = (line: string) => console.log(`[multi-node] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A client behind the load balancer: keep-alive HTTP to the proxy, the learner's cookie, the site's Origin. */
function client(port: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const origin = `http://localhost:${port}`;
  const send = (method: string, url: string, options: { body?: string; cookie?: string; type?: string } = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const headers: Record<string, string> = { host: `localhost:${port}` };
      if (method !== "GET") headers.origin = origin;
      if (options.cookie) headers.cookie = options.cookie;
      if (options.body !== undefined) headers["content-type"] = options.type ?? "application/json";
      const req = http.request({ host: "127.0.0.1", port, method, path: url, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(options.body);
    });
  return { send, origin, close: () => agent.destroy() };
}

type Counters = { retried: number; failed: string[] };

/**
 * Sends the same request until it gets an answer that is not a failure on the way: a broken connection, a 502 from
 * the proxy, a 503 (busy: waits its Retry-After). Anything else is the answer. `counters.retried` counts the resends.
 */
async function reliably(send: () => Promise<Answer>, counters: Counters, what: string): Promise<Answer & { retries: number }> {
  for (let retries = 0; ; retries++) {
    if (retries > 30) throw new Error(`${what}: still failing after 30 tries`);
    let answer: Answer | null = null;
    try {
      answer = await send();
    } catch {
      answer = null;
    }
    if (answer && answer.status !== 502 && answer.status !== 503) return { ...answer, retries };
    counters.retried++;
    const retryAfter = Number(answer?.headers["retry-after"]);
    await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 5) * 1000 : 200 * (retries + 1));
  }
}

async function signIn(api: ReturnType<typeof client>, email: string): Promise<string> {
  const cookies = (headers: http.IncomingHttpHeaders) => (headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  const counters: Counters = { retried: 0, failed: [] };
  const csrf = await reliably(() => api.send("GET", "/api/auth/csrf"), counters, "csrf");
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const form = new URLSearchParams({ email, password: PASSWORD, csrfToken, json: "true" }).toString();
  const res = await reliably(
    () => api.send("POST", "/api/auth/callback/credentials", { body: form, type: "application/x-www-form-urlencoded", cookie: cookies(csrf.headers) }),
    counters,
    "sign-in",
  );
  const cookie = cookies(res.headers);
  if (!cookie.includes("session-token")) throw new Error(`sign-in failed for ${email}: ${res.status} ${res.body.slice(0, 200)}`);
  return cookie;
}

type Card = { id: string; version: number } | null;

type LearnerReport = {
  email: string;
  /** Answers the client knows were applied: a 200, or a 409 "changed" on a resend after a failure on the way. */
  applied: number;
  /** Answers answered 200 on the first try. */
  firstTry: number;
  submissions: Array<{ outcome: "graded" | "error"; status: string; message?: string; retries: number }>;
};

async function learnerRun(api: ReturnType<typeof client>, email: string, cookie: string, until: () => boolean, submitAt: number[], codes: string[], counters: Counters): Promise<LearnerReport> {
  const report: LearnerReport = { email, applied: 0, firstTry: 0, submissions: [] };
  const queue = async (): Promise<Card> => {
    const res = await reliably(() => api.send("GET", "/api/review/queue", { cookie }), counters, "queue");
    if (res.status !== 200) throw new Error(`queue: ${res.status} ${res.body.slice(0, 200)}`);
    return (JSON.parse(res.body) as { card: Card }).card;
  };
  const submit = async (code: string) => {
    const res = await reliablySubmit(api, cookie, code, counters);
    report.submissions.push(res);
  };
  let card = await queue();
  const started = Date.now();
  const pending = [...submitAt];
  while (!until()) {
    if (pending.length && Date.now() - started >= pending[0]!) {
      pending.shift();
      await submit(codes[report.submissions.length % codes.length]!);
      continue;
    }
    if (!card) {
      await sleep(100);
      card = await queue();
      continue;
    }
    const body = JSON.stringify({ cardId: card.id, version: card.version, rating: 1 + Math.floor(Math.random() * 4), durationMs: 3000 });
    const res = await reliably(() => api.send("POST", "/api/review/answer", { body, cookie }), counters, "answer");
    if (res.status === 200) {
      report.applied++;
      if (res.retries === 0) report.firstTry++;
      card = (JSON.parse(res.body) as { queue: { card: Card } }).queue.card;
    } else if (res.status === 409 && res.retries > 0) {
      // Sent again after a failure on the way, and the card had changed: the first send was applied.
      report.applied++;
      card = await queue();
    } else {
      counters.failed.push(`answer: ${res.status} ${res.body.slice(0, 200)}`);
      card = await queue();
    }
  }
  while (pending.shift() !== undefined) await submit(codes[report.submissions.length % codes.length]!);
  return report;
}

/** A submission through the proxy: 201 graded; 202 → the job is polled; 429 (one in flight) waits and sends again. */
async function reliablySubmit(api: ReturnType<typeof client>, cookie: string, code: string, counters: Counters): Promise<LearnerReport["submissions"][number]> {
  // One press of Submit: every resend carries its id, so the server grades and stores it once.
  const body = JSON.stringify({ exerciseId: EXERCISE, code, requestId: crypto.randomUUID() });
  for (let tries = 0; tries < 60; tries++) {
    const res = await reliably(() => api.send("POST", "/api/lab/submissions", { body, cookie }), counters, "submit");
    if (res.status === 201) {
      const graded = JSON.parse(res.body) as { results: { status: string } };
      return { outcome: "graded", status: graded.results.status, retries: res.retries + tries };
    }
    if (res.status === 202) {
      const { jobId } = JSON.parse(res.body) as { jobId: string };
      for (;;) {
        await sleep(250);
        const job = await reliably(() => api.send("GET", `/api/jobs/${jobId}`, { cookie }), counters, "job");
        const view = JSON.parse(job.body) as { status: string; error: string | null; result: { results?: { status: string } } | null };
        if (view.status === "succeeded") return { outcome: "graded", status: view.result?.results?.status ?? "unknown", retries: res.retries + tries };
        if (view.status === "failed") return { outcome: "error", status: "failed", message: view.error ?? "", retries: res.retries + tries };
      }
    }
    if (res.status === 429) {
      await sleep(Math.min(5, Number(res.headers["retry-after"]) || 1) * 1000);
      continue;
    }
    const message = (JSON.parse(res.body) as { error?: { message?: string } }).error?.message ?? res.body.slice(0, 200);
    return { outcome: "error", status: String(res.status), message, retries: res.retries + tries };
  }
  throw new Error("submit: still refused after 60 tries");
}

function spawnLogged(name: string, script: string, env: NodeJS.ProcessEnv, lines: string[]): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", script], { env, stdio: ["ignore", "pipe", "pipe"] });
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim()) lines.push(`${name}: ${line}`);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return child;
}

async function waitHealthy(port: number) {
  for (let i = 0; i < 600; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(200);
  }
  throw new Error(`the web server on port ${port} did not start`);
}

/** The worker process grading a submission now, if any: its pid (from its heartbeat row). */
async function gradingWorkerPid(db: Db): Promise<number | null> {
  const rows = await db.$queryRaw<Array<{ pid: number }>>`
    SELECT w.pid FROM "Job" j JOIN "JobWorker" w ON w.id = j."workerId"
    WHERE j.status = 'RUNNING' AND j.kind LIKE 'lab.%' LIMIT 1`;
  return rows[0]?.pid ?? null;
}

async function main() {
  loadEnvironment(false);
  if (!buildIsCurrent()) {
    log("Building…");
    if (spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit" }).status !== 0) process.exit(1);
    markBuildCurrent();
  }
  const tmp = makeServerTempDir("latent-multi-node-");
  const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), ephemeral: true });
  const children: ChildProcess[] = [];
  const lines: string[] = [];
  let db: Db | undefined;
  try {
    await ensureDatabaseExists(pg.urlFor("postgres"), "latent");
    const databaseUrl = pg.urlFor("latent");
    await migrate(databaseUrl);
    db = createDb(databaseUrl, { max: 4 });
    await importContent(db);
    const { emails } = await seedReviewers(db, LEARNERS, PASSWORD, "node-learner");
    await db.$executeRawUnsafe("ANALYZE");

    // Every node shares the database and the auth secret; each web server believes it is the proxy's address.
    const proxyPort = await findFreePort();
    const secret = crypto.randomBytes(32).toString("base64url");
    const appPorts: number[] = [];
    for (let i = 0; i < APPS; i++) appPorts.push(await findFreePort());
    const apps = appPorts.map((port, i) =>
      spawnLogged(`app${i}`, "scripts/web-server.ts", webServerEnv(databaseUrl, { PORT: String(port), NEXTAUTH_URL: `http://localhost:${proxyPort}`, NEXTAUTH_SECRET: secret }), lines),
    );
    const workers = Array.from({ length: WORKERS }, (_, i) =>
      spawnLogged(`worker${i}`, "scripts/worker.ts", { ...process.env, DATABASE_URL: databaseUrl, LATENT_WORKER_CONCURRENCY: "1" }, lines),
    );
    children.push(...apps, ...workers);
    await Promise.all(appPorts.map(waitHealthy));
    const proxy = await startRoundRobinProxy({ upstreams: appPorts, port: proxyPort });
    const api = client(proxy.port);
    const cookies: string[] = [];
    for (const email of emails) cookies.push(await signIn(api, email));
    log(`${APPS} web servers, ${WORKERS} workers, ${LEARNERS} learners through the proxy on port ${proxy.port}, ${SECONDS} s`);

    const solution = fs.readFileSync(path.join("lab", EXERCISE, "solution.ts"), "utf8");
    const wrongDir = path.join("lab", EXERCISE, "wrong");
    const wrong = fs.readFileSync(path.join(wrongDir, fs.readdirSync(wrongDir).sort()[0]!), "utf8");
    const killAt = (SECONDS * 1000) / 3;
    const counters: Counters = { retried: 0, failed: [] };
    const started = Date.now();
    const deadline = started + SECONDS * 1000;
    // Every learner submits just before the kill (so grading is under way when a worker dies) and again later.
    const runs = emails.map((email, i) => learnerRun(api, email, cookies[i]!, () => Date.now() >= deadline, [killAt - 300, (SECONDS * 1000 * 2) / 3], i % 2 ? [wrong, solution] : [solution, wrong], counters));

    const killed: { app: number | null; worker: number | null; workerWasGrading: boolean } = { app: null, worker: null, workerWasGrading: false };
    const killer = (async () => {
      await sleep(killAt);
      const victimApp = apps[0]!;
      victimApp.kill("SIGKILL");
      killed.app = victimApp.pid ?? null;
      // The worker grading a submission now, if one is (for up to 5 s); otherwise the first one.
      let pid: number | null = null;
      for (let i = 0; i < 50 && pid === null; i++) {
        pid = await gradingWorkerPid(db!);
        if (pid === null) await sleep(100);
      }
      const victim = workers.find((w) => w.pid === pid) ?? workers[0]!;
      killed.workerWasGrading = pid !== null && victim.pid === pid;
      victim.kill("SIGKILL");
      killed.worker = victim.pid ?? null;
      log(`killed web server ${killed.app} and worker ${killed.worker} (${killed.workerWasGrading ? "while it graded a submission" : "not grading at that moment"})`);
    })();
    const learners = await Promise.all(runs);
    await killer;

    // Every grading job ends: a job its dead worker held is taken over once the worker's heartbeat is stale.
    const settleDeadline = Date.now() + 120_000;
    for (;;) {
      const active = await db.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM "Job" WHERE kind LIKE 'lab.%' AND status IN ('QUEUED', 'RUNNING')`;
      if (active[0]!.n === 0 || Date.now() > settleDeadline) break;
      await sleep(500);
    }
    const logs = await db.$queryRaw<Array<{ email: string; n: number }>>`
      SELECT u.email, count(r.id)::int AS n FROM "User" u LEFT JOIN "ReviewLog" r ON r."userId" = u.id AND r.kind = 'RATING'
      WHERE u.email LIKE 'node-learner-%' GROUP BY u.email`;
    const logCount = new Map(logs.map((row) => [row.email, row.n]));
    const jobs = await db.$queryRaw<Array<{ status: string; attempts: number; error: string | null }>>`
      SELECT status::text, attempts, error FROM "Job" WHERE kind LIKE 'lab.%' ORDER BY "createdAt"`;
    const submissions = await db.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM "Submission"`;
    const report = {
      apps: APPS,
      workers: WORKERS,
      seconds: SECONDS,
      killed,
      retried: counters.retried,
      failed: counters.failed,
      proxy: proxy.stats(),
      learners: learners.map((l) => ({ ...l, logged: logCount.get(l.email) ?? 0 })),
      jobs,
      storedSubmissions: submissions[0]!.n,
    };
    await proxy.close();
    api.close();
    for (const l of report.learners) log(`${l.email}: ${l.applied} answers applied (${l.firstTry} at the first try), ${l.logged} in the review log; submissions: ${l.submissions.map((s) => `${s.outcome} ${s.status}${s.message ? ` (${s.message})` : ""}`).join(", ")}`);
    log(`${counters.retried} requests sent again after a failure on the way; ${counters.failed.length} failures a client saw; proxy ${JSON.stringify(report.proxy)}`);
    log(`grading jobs: ${jobs.map((j) => `${j.status}×${j.attempts}`).join(", ") || "none"}; ${report.storedSubmissions} submissions stored`);
    if (JSON_OUT) console.log(JSON.stringify(report));
  } catch (error) {
    for (const line of lines.slice(-60)) console.error(line);
    throw error;
  } finally {
    await Promise.all(children.map((child) => stopChild(child, 10_000)));
    await db?.$disconnect().catch(() => undefined);
    await pg.stop().catch(() => undefined);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

runMain(main, "multi-node");
