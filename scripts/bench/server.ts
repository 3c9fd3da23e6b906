// What every benchmark needs: a current production build, a fresh embedded PostgreSQL (migrated, content
// imported), and Latent's web server (as `npm start` runs it) on a free port. Everything is removed on stop.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { importContent, CONTENT_DIR } from "@/lib/content/import";
import { createDb, type Db } from "@/lib/db/client";
import { ensureDatabaseExists, findFreePort, makeServerTempDir, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { buildIsCurrent, ensureAuthSecret, loadEnvironment, markBuildCurrent, webServerEnv } from "@/lib/server/boot";

type ServeOptions = { nodeArgs?: string[]; env?: Record<string, string> };

/** One web server process (scripts/web-server.ts, as `npm start` runs it). */
export type AppProcess = { port: number; pid: number; stop(): Promise<void> };

export type BenchServer = {
  base: string;
  databaseUrl: string;
  db: Db;
  /** Starts the web server on `base`'s port, after the caller has seeded the database. */
  serve(options?: ServeOptions): Promise<AppProcess>;
  /**
   * Starts another web server process on `port` (a free one by default) that takes `base` as its public URL, as an
   * app server behind a proxy on `base` does (bench:cluster). Call `serve` or `analyze` first.
   */
  startApp(options?: ServeOptions & { port?: number }): Promise<AppProcess>;
  /** Refreshes the planner's statistics after seeding (`serve` does it). */
  analyze(): Promise<void>;
  stop(): Promise<void>;
};

/** `web: false` skips the production build, for a benchmark that starts no web server (bench:review --floor-only). */
export async function startBenchServer(options: { extraContent?: (dir: string) => void; web?: boolean } = {}): Promise<BenchServer> {
  loadEnvironment(false);
  ensureAuthSecret(() => undefined);
  if (options.web !== false && !buildIsCurrent()) {
    console.log("Building…");
    if (spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit" }).status !== 0) process.exit(1);
    markBuildCurrent();
  }
  const tmp = makeServerTempDir("latent-bench-");
  const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), ephemeral: true });
  await ensureDatabaseExists(pg.urlFor("postgres"), "bench");
  const databaseUrl = pg.urlFor("bench");
  await migrate(databaseUrl);
  const db = createDb(databaseUrl, { max: 4 });
  const contentDir = path.join(tmp, "content");
  fs.cpSync(CONTENT_DIR, contentDir, { recursive: true });
  options.extraContent?.(contentDir);
  await importContent(db, contentDir);

  const port = await findFreePort();
  const base = `http://127.0.0.1:${port}`;
  const apps: AppProcess[] = [];
  const startApp = async (appOptions: ServeOptions & { port?: number } = {}): Promise<AppProcess> => {
    const appPort = appOptions.port ?? (await findFreePort());
    const child: ChildProcess = spawn(process.execPath, [...(appOptions.nodeArgs ?? []), "--import", "tsx", "scripts/web-server.ts"], {
      env: webServerEnv(databaseUrl, { NEXTAUTH_URL: base, PORT: String(appPort), ...appOptions.env }),
      stdio: ["ignore", "ignore", "inherit"],
    });
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const app: AppProcess = {
      port: appPort,
      pid: child.pid!,
      async stop() {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
        const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(killer);
      },
    };
    apps.push(app);
    for (let i = 0; ; i++) {
      const ok = await fetch(`http://127.0.0.1:${appPort}/api/health`).then((r) => r.ok, () => false);
      if (ok) return app;
      if (i > 300 || child.exitCode !== null) throw new Error("the server did not start");
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  // The seeding just bulk-inserted every row: refresh the planner's statistics, as autovacuum soon does on a live
  // database. Without them PostgreSQL estimates one row per table and can pick plans far slower than production's.
  const analyze = async () => void (await db.$executeRawUnsafe("ANALYZE"));
  return {
    base,
    databaseUrl,
    db,
    startApp,
    analyze,
    async serve(serveOptions = {}) {
      await analyze();
      return startApp({ ...serveOptions, port });
    },
    async stop() {
      await Promise.all(apps.map((app) => app.stop()));
      await db.$disconnect().catch(() => undefined);
      await pg.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** A deck of `notes` short notes, so that simulated learners never run out of cards. */
export function syntheticDeck(dir: string, notes: number): void {
  const lines = ["# Bench deck", ""];
  for (let n = 1; n <= notes; n++) lines.push(`#### Q${n}. Synthetic question ${n}?`, "", `A${n}:`, `Answer ${n} with \`code\` and a list:`, "", "- one", "- two", "", "---");
  fs.writeFileSync(path.join(dir, "bench.md"), lines.join("\n"));
}
