// npm run worker: a job worker process. Run any number, on any machine with the same DATABASE_URL (without it, the
// embedded PostgreSQL that `npm start` runs on this machine). Reads LATENT_WORKER_CONCURRENCY, LATENT_WORKER_NICENESS,
// LATENT_WORKER_SHUTDOWN_SECONDS, and for grading the lab's submissions LATENT_GRADER_WORKERS, LATENT_GRADER_MEMORY_MB,
// LATENT_GRADER_RSS_MB and LATENT_GRADER_CACHE_DIR (README). SIGTERM or SIGINT: running jobs finish, or are handed back to the
// queue when the grace period ends; a second signal stops at once (other workers then take its jobs over).
import { migrate } from "@/lib/db/migrate";
import { parseWorkerConfig } from "@/lib/jobs/config";
import { lowerPriority } from "@/lib/jobs/priority";
import { startJobWorker } from "@/lib/jobs/runner";
import { TASKS } from "@/lib/jobs/tasks";
import { serverGradingPool } from "@/lib/lab/sandbox/process-pool";
import { loadEnvironment, workerDatabaseUrl } from "@/lib/server/boot";

const log = (line: string) => console.log(`[latent worker] ${line}`);

async function main() {
  loadEnvironment(false);
  const config = parseWorkerConfig(process.env);
  if (!config.ok) {
    console.error(`[latent worker] ${config.error}`);
    process.exit(2);
  }
  const { concurrency, niceness, shutdownGraceMs } = config.value;
  // First, before the optimizer's threads exist: they inherit it.
  lowerPriority(niceness);
  const databaseUrl = workerDatabaseUrl();
  await migrate(databaseUrl);
  const worker = await startJobWorker({ databaseUrl, tasks: TASKS, concurrency, shutdownGraceMs, log });
  log(`${worker.id} is taking jobs (${concurrency} at once, background jobs one at a time; niceness ${niceness}).`);
  // The grading processes start now rather than with the first submission, which would wait for them.
  serverGradingPool()
    .warm()
    .catch((error: Error) => log(`the grader could not start yet (${error.message}); it will try again at the first submission`));

  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++signals > 1) {
      log(`${signal} again: stopping now; other workers will take over its jobs.`);
      process.exit(1);
    }
    log(`${signal}: finishing running jobs (up to ${shutdownGraceMs / 1000} s, then they are handed back)…`);
    worker.stop().then(
      () => {
        serverGradingPool().close();
        process.exit(0);
      },
      (error: unknown) => {
        console.error(`[latent worker] stopping failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}

main().catch((error) => {
  console.error(`[latent worker] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
