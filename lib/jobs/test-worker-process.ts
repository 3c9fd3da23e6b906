// For integration tests that kill a worker (SIGKILL): a job worker with every task (tasks.ts) in a process of its own,
// on DATABASE_URL, with the fast heartbeats of test-options.ts. Prints "ready <worker id>" once it takes jobs.
import { startJobWorker } from "./runner";
import { TASKS } from "./tasks";
import { TEST_WORKER_OPTIONS } from "./test-options";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_URL is not set");
const worker = await startJobWorker({ databaseUrl, tasks: TASKS, ...TEST_WORKER_OPTIONS });
process.stdout.write(`ready ${worker.id}\n`);
process.on("SIGTERM", () => void worker.stop().then(() => process.exit(0)));
