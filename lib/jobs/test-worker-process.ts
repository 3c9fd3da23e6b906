// For integration tests that kill a worker (SIGKILL): a job worker with every task (tasks.ts) in a process of its own,
// on DATABASE_URL, with the fast heartbeats of testing.ts. Prints "ready <worker id>" once it takes jobs.
import { startJobWorker } from "./runner";
import { TASKS } from "./tasks";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_URL is not set");
const worker = await startJobWorker({
  databaseUrl,
  tasks: TASKS,
  concurrency: 2,
  heartbeatMs: 200,
  deadAfterMs: 1_500,
  pollIntervalMs: 250,
  shutdownGraceMs: 1_000,
  log: () => undefined,
});
process.stdout.write(`ready ${worker.id}\n`);
process.on("SIGTERM", () => void worker.stop().then(() => process.exit(0)));
