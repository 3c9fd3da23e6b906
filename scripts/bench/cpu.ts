// CPU time spent by the processes that serve a benchmark, read from /proc (Linux): less sensitive to other work on a
// shared machine than wall-clock throughput, since only these processes' own CPU counts.
import fs from "node:fs";
import type { Db } from "@/lib/db/client";

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime of a process, in ms (0 when it is gone). */
export function processCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // from field 3 (state) on
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/**
 * A reading of PostgreSQL's CPU: every backend and background process of the server `db` is connected to. `since`
 * gives the CPU used between two readings, per process: a process that exited in between (an idle pooled connection
 * closed, an autovacuum worker done) drops out instead of taking its whole past with it; one that started counts whole.
 */
export async function postgresCpu(db: Db): Promise<{ since(earlier: Map<number, number>): number; byPid: Map<number, number> }> {
  const { rows } = await db.pool.query<{ pid: number }>("SELECT pid FROM pg_stat_activity");
  const byPid = new Map(rows.map(({ pid }) => [pid, processCpuMs(pid)]));
  return {
    byPid,
    since: (earlier) => [...byPid].reduce((sum, [pid, ms]) => sum + ms - (earlier.get(pid) ?? 0), 0),
  };
}

/** This process's CPU so far, in ms. */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
