// npm run bench:cluster [-- --learners 1,50,200 --seconds 10]
// One app process against two on this machine, same database, same load: a production build on a fresh embedded
// PostgreSQL, N signed-in learners answering due cards as fast as they can (as bench:review), against
//   1. one web server, directly;
//   2. one web server behind the round-robin proxy (lib/server/round-robin-proxy.ts, in a process of its own), so
//      the proxy's own cost is known;
//   3. two web servers behind the proxy.
// Prints reviews/s and p50/p95 per configuration and N. Each configuration has its own learners, from the same state.
import { spawn, type ChildProcess } from "node:child_process";
import readline from "node:readline";
import { findFreePort } from "@/lib/db/embedded";
import { httpClient } from "./bench/http";
import { answerForSeconds, seedReviewers, type HttpLearner } from "./bench/review-load";
import { startBenchServer, syntheticDeck, type AppProcess } from "./bench/server";
import { runMain } from "./bench/main";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const LEVELS = arg("learners", "1,50,200").split(",").map(Number);
const SECONDS = Number(arg("seconds", "10"));
const NOTES = 400;
const PASSWORD = "bench password 123";

async function startProxy(port: number, upstreams: number[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/bench/proxy-process.ts", String(port), ...upstreams.map(String)], { stdio: ["ignore", "pipe", "inherit"] });
  const lines = readline.createInterface({ input: child.stdout! });
  await new Promise<void>((resolve, reject) => {
    lines.on("line", (line) => line === "ready" && resolve());
    child.once("exit", (code) => reject(new Error(`the proxy exited (${code})`)));
  });
  return child;
}

async function stopProxy(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

async function main() {
  const bench = await startBenchServer({ extraContent: (dir) => syntheticDeck(dir, NOTES) });
  try {
    const configurations = ["1 process", "1 process + proxy", "2 processes + proxy"] as const;
    const perConfiguration = LEVELS.reduce((sum, n) => sum + n, 0);
    const { emails } = await seedReviewers(bench.db, configurations.length * perConfiguration, PASSWORD);
    await bench.analyze();
    const basePort = Number(new URL(bench.base).port);
    const client = httpClient(bench.base);

    console.log(`bench:cluster — ${NOTES} notes per learner, ${SECONDS}s per level, random ratings, Node ${process.version}, ${(await import("node:os")).cpus().length} cores`);
    console.log("configuration        | learners | reviews | reviews/s | p50 ms | p95 ms | errors");
    let offset = 0;
    for (const configuration of configurations) {
      // Learners sign in directly to one server (the sign-in throttle counts the proxy's address otherwise); the
      // session cookie then works on any server: the session is in PostgreSQL and the secret is shared.
      const signer = await bench.startApp({ port: basePort });
      const groups: HttpLearner[][] = [];
      for (const n of LEVELS) {
        const group: HttpLearner[] = [];
        for (const email of emails.slice(offset, offset + n)) group.push({ email, cookie: await client.signIn(email, PASSWORD), card: null });
        offset += n;
        groups.push(group);
      }
      const apps: AppProcess[] = [];
      let proxy: ChildProcess | undefined;
      if (configuration === "1 process") apps.push(signer);
      else {
        await signer.stop();
        for (let i = 0; i < (configuration === "2 processes + proxy" ? 2 : 1); i++) apps.push(await bench.startApp({ port: await findFreePort() }));
        proxy = await startProxy(basePort, apps.map((app) => app.port));
      }
      for (const group of groups) {
        await answerForSeconds(client.request, group, 2); // warm-up: JIT, connection pools
        const r = await answerForSeconds(client.request, group, SECONDS);
        console.log(`${configuration.padEnd(20)} | ${String(group.length).padStart(8)} | ${String(r.reviews).padStart(7)} | ${r.perSecond.toFixed(0).padStart(9)} | ${r.p50.toFixed(1).padStart(6)} | ${r.p95.toFixed(1).padStart(6)} | ${r.errors}`);
      }
      if (proxy) await stopProxy(proxy);
      await Promise.all(apps.map((app) => app.stop()));
    }
  } finally {
    await bench.stop();
  }
}

runMain(main);
