// Shared by the integration tests of grading: a real database with the decks imported (a failed submission brings
// cards back), and the teardown of what grading starts in the test's process (grading processes, the job listener).
import { importContent } from "@/lib/content/import";
import type { TestDatabase } from "@/lib/db/testing";
import { createJobTestDatabase } from "@/lib/jobs/testing";
import { stopJobListener } from "@/lib/jobs/wait";
import { serverGradingPool } from "@/lib/lab/sandbox/process-pool";

export async function createGradingTestDatabase(): Promise<TestDatabase> {
  const t = await createJobTestDatabase();
  await importContent(t.db);
  return t;
}

/** After the file's workers have stopped: closes this process's grading processes and job listener, drops the database. */
export async function dropGradingTestDatabase(t: TestDatabase): Promise<void> {
  serverGradingPool().close();
  await stopJobListener(t.db);
  await t.drop();
}
