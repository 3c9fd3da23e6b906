// The web server process that `npm start` and `npm run dev` spawn (lib/server/web-server.ts), on PORT; --dev for
// Next's development server. NODE_ENV is settled before Next.js (and React) load: they read it once.
export {};

const dev = process.argv.includes("--dev");
Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });
const { startWebServer } = await import("@/lib/server/web-server");
// Stopped with SIGTERM (npm start, the benchmarks): exit as a normal exit does, so exit hooks run (`--cpu-prof`
// writes its profile then; killed by the signal, it writes nothing).
process.once("SIGTERM", () => process.exit(0));
startWebServer({ dev, port: Number(process.env.PORT) || 3000, log: (line) => console.log(`[latent] ${line}`) }).catch((error: unknown) => {
  console.error(`[latent] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
